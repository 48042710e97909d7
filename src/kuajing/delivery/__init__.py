"""The delivery worker: claim due messages, POST them signed to the developer's callback URL, record every
attempt.

``safety`` decides which targets may be called, ``sender`` builds, signs and POSTs one body, ``worker`` is the
loop that ``kuajing worker`` and the API's lifespan run, and ``verify`` is the console-style test POST that
must succeed before a callback URL is saved.
"""
