"""In-memory fakes of the domain's ports, for fast unit tests of the services.

A fake is small and honest: rows kept in dicts keyed by id, copied in and out as a database would (a service that
changes an object without saving it changes nothing), the same refusals as the store (unique keys, version checks,
an overdrawn wallet), and a unit of work that commits all of it or none. There is no SQL and no mock: a test calls
the service with a fake unit of work and reads what it left behind.
"""
