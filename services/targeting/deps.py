"""Who may do what in targeting; routers use these aliases, so each rule reads once, here.

National users see aggregates (counts, volumetry, the policy), never a person's file.
Machine clients need a scope: ``targeting:read`` (everything staff read, NIR and career
included) or ``targeting:write``, or one granted by purpose, which admits only what that
purpose needs:

- ``targeting:reference``: caisses, the policy's actions, categories, lists (without their
  people), volumetry counts, jobs: nothing about a person;
- ``targeting:contact-details``: a person's name, postal address, email, mobile, caisse and
  opposition to contact (``GET /persons/{id}/contact-details``), without NIR or career, to
  write to them (the surveys service);
- ``targeting:list-members``: the people of a frozen list, as printed on letters (the
  interviews service's campaigns).
"""

from typing import Annotated

from fastapi import Depends

from services.shared.auth import Principal, Role, require_role

STAFF = (Role.COUNSELOR, Role.CAISSE_MANAGER, Role.ADMIN)

READ, REFERENCE = "targeting:read", "targeting:reference"
CONTACT_DETAILS, LIST_MEMBERS = "targeting:contact-details", "targeting:list-members"

ReferenceReader = Annotated[
    Principal, Depends(require_role(*Role, service_scope=(READ, REFERENCE)))
]
PersonReader = Annotated[Principal, Depends(require_role(*STAFF, Role.SERVICE, service_scope=READ))]
ContactDetailsReader = Annotated[
    Principal, Depends(require_role(*STAFF, Role.SERVICE, service_scope=(READ, CONTACT_DETAILS)))
]
ListMemberReader = Annotated[
    Principal, Depends(require_role(*STAFF, Role.SERVICE, service_scope=(READ, LIST_MEMBERS)))
]
PersonWriter = Annotated[
    Principal,
    Depends(
        require_role(Role.CAISSE_MANAGER, Role.ADMIN, Role.SERVICE, service_scope="targeting:write")
    ),
]
OppositionRecorder = Annotated[
    Principal, Depends(require_role(*STAFF, Role.SERVICE, service_scope="targeting:write"))
]
PolicyEditor = Annotated[
    Principal, Depends(require_role(Role.CAISSE_MANAGER, Role.NATIONAL, Role.ADMIN))
]
# The socle of a year to come: prepared and published by the national office.
NationalPolicyEditor = Annotated[Principal, Depends(require_role(Role.NATIONAL, Role.ADMIN))]
RegionalPolicyEditor = Annotated[Principal, Depends(require_role(Role.CAISSE_MANAGER))]
AggregateReader = Annotated[
    Principal,
    Depends(
        require_role(
            Role.CAISSE_MANAGER,
            Role.NATIONAL,
            Role.ADMIN,
            Role.SERVICE,
            service_scope=(READ, REFERENCE),
        )
    ),
]
ListBuilder = Annotated[
    Principal,
    Depends(
        require_role(Role.CAISSE_MANAGER, Role.ADMIN, Role.SERVICE, service_scope="targeting:write")
    ),
]
ContactRecorder = Annotated[
    Principal, Depends(require_role(Role.SERVICE, Role.ADMIN, service_scope="contacts:write"))
]
