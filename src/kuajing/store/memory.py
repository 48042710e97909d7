"""This process's memory of one database: what it has read of SQLite's nonce log and search index.

Kept by the composition root (one per database in a process, like its connections) and handed to each unit of
work; every reading is checked against the database before use, so several processes on one database stay exact
(store/nonce_memory.py, store/search_memory.py). On PostgreSQL both stay empty."""

from __future__ import annotations

from dataclasses import dataclass, field

from kuajing.store.nonce_memory import NonceMemory
from kuajing.store.search_memory import SearchMemory


@dataclass
class ProcessMemory:
    nonces: NonceMemory = field(default_factory=NonceMemory)
    search: SearchMemory = field(default_factory=SearchMemory)
