"""The delivery worker: claim due messages, POST them signed to the developer's callback URL, record every
attempt.

``safety`` decides which targets may be called (and whose answers may be recorded), ``signer`` loads what signs a
developer's pushes, ``sender`` builds, signs and POSTs one body, ``worker`` is the loop that ``kuajing worker``
runs, ``process`` runs that loop in a child process of ``kuajing serve``, and ``verify`` is the console-style test
POST that must succeed before a callback URL is saved.
"""
