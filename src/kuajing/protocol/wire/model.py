"""The base of every wire model: snake_case attributes, PandaPon's camelCase names as their aliases.

Python code constructs and reads a model by attribute (``OrderIdQuery(order_id=...)``, ``view.base_info.id``); JSON
goes in and comes out by the wire name. The alias of a field is ``to_camel`` of its attribute (``purchase_order_id``
→ ``purchaseOrderId``); a wire name that ``to_camel`` does not give — acronyms (``buyerID``), names PandaPon spells
in snake_case (``mobile_phone``), the spec's misspellings kept on the wire (``orderPreviewResuslt``) — is written
on the field as ``Field(alias=...)``.

- ``serialize_by_alias``: every dump (``model_dump``, ``model_dump_json``, the API's responses) speaks the wire.
- ``validate_by_name`` as well as by alias, so code may pass attribute names. What arrives as JSON is read with
  ``by_name=False`` — requests at the edge (``api/endpoint.py``), catalog files, the SDK's answers and pushes — so
  a body that spells a field ``purchase_order_id`` is what it always was: an unknown field, which the edge ignores
  and reports in ``x-kuajing-ignored-fields``.
- JSON Schema names each property by its alias and derives the property's title from it (``Purchaseorderid``), so
  ``/openapi.json`` does not depend on the Python names.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class WireModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
    )
