"""Passwords: the policy (ANSSI and CNIL guidance), the single-use links that set one (an
invitation, a reset), and the change of one's own password."""
