"""Message delivery: callback URLs, signing secrets, the pull feed, redelivery and retry schedules
(docs/messages.md)."""
