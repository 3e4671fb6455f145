"""``rsi worker``: the process that runs every background task of the platform."""
