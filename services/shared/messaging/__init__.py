"""Email and SMS delivery shared by the services that message people: the senders, and an
outbox each service keeps in a table of its own (a mixin), delivered by a generic worker."""
