"""Machine clients administration (admin only): register, grant scopes, rotate, revoke."""
