"""How our msgspec structs appear in the OpenAPI document.

Litestar documents every struct as an open object without examples. Request bodies are
declared with `forbid_unknown_fields=True` (an unknown field is 422, so a typo is never
ignored), so the document must say `additionalProperties: false`, or a generated client
(and the contract fuzzer) would believe extra fields are welcome. And every body gets the
example from openapi_examples, so the browsable docs show a new user what to send."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar._openapi.schema_generation.plugins.dataclass import DataclassSchemaPlugin
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.typing import FieldDefinition

from adapters.http.openapi_examples import example_of

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator
    from litestar.openapi.spec import Schema


class DocumentedStructSchemaPlugin(StructSchemaPlugin):
    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        struct = field_definition.type_
        if struct.__struct_config__.forbid_unknown_fields:
            schema.additional_properties = False
        example = example_of(struct)
        if example is not None:
            schema.examples = [example]
        return schema


class ClosedDataclassSchemaPlugin(DataclassSchemaPlugin):
    """Multipart bodies are dataclasses (Litestar reads them field by field, so a missing
    `file` is named as such); one whose `forbid_unknown_fields` is set refuses other
    parts (adapters.http.controllers.media), and the document says so."""

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        if getattr(field_definition.type_, "forbid_unknown_fields", False):
            schema.additional_properties = False
        return schema
