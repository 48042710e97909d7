"""The HTTP API: PandaPon wire requests in, domain calls, PandaPon wire responses out."""
