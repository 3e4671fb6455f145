"""Identity's emails (invitations, password resets), through an outbox of its own."""
