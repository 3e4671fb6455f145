"""Sending the drawn people their answer links by email and SMS (surveys' outbox)."""
