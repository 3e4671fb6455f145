"""Who may do what in targeting; routers use these aliases, so each rule reads once, here.

National users see aggregates (counts, volumetry, the policy), never a person's file.
Machine clients need the ``targeting:read`` or ``targeting:write`` scope.
"""

from typing import Annotated

from fastapi import Depends

from services.shared.auth import Principal, Role, require_role

STAFF = (Role.COUNSELOR, Role.CAISSE_MANAGER, Role.ADMIN)

ReferenceReader = Annotated[Principal, Depends(require_role(*Role, service_scope="targeting:read"))]
PersonReader = Annotated[
    Principal, Depends(require_role(*STAFF, Role.SERVICE, service_scope="targeting:read"))
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
            service_scope="targeting:read",
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
