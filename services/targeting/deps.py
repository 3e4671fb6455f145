"""Who may read targeting's reference data."""

from typing import Annotated

from fastapi import Depends

from services.shared.auth import Principal, Role, require_role

# Everyone who holds a valid token may read the caisses, each within its own scope.
ReferenceReader = Annotated[Principal, Depends(require_role(*Role))]
