"""Account administration: who manages which accounts, invitations, edits, deactivation."""
