"""The forwarding warehouse: domestic parcels in, international shipments out (docs/warehouse.md)."""
