"""Interviews, in sub-packages that import one another downwards only (a DAG, checked by
``tests/interviews/test_layering.py``):

1. ``contacts`` (the completed-contact rows, ``record_contact``, their feed and the recency
   relay), ``invitations`` (campaigns and invitations, the records every layer above reads,
   and how an invitation follows the interview it led to), ``messaging`` (the outbox table).
2. ``scheduling`` (availability, slots, interviews; records contacts, follows invitations),
   ``meetings`` (records contacts).
3. ``guide`` (on scheduling), ``selfservice`` (personal links and their messages, public
   booking, reminders and the messaging pass, capacity and planning: on scheduling,
   invitations, messaging).
4. ``letters`` (templates and campaign jobs: issues links and checks capacity through
   selfservice), ``activity`` (a person's history and the figures: reads every sub-domain).

The top-level modules ``deps``, ``audit``, ``gateways``, ``jobs`` and ``actions`` are below
every sub-package; ``app``, ``tasks`` and ``seed`` are the entry points above them all.
"""
