"""JSON Schemas of the bodies that views read as sent (checked field by field in the service, not by a model)."""

ANALYSIS_PARAMS = {"title": "AnalysisParams", "type": "object", "required": ["start", "end"], "properties": {
    "start": {"type": "string", "format": "date", "description": "开始日期 YYYY-MM-DD"},
    "end": {"type": "string", "format": "date", "description": "结束日期 YYYY-MM-DD（最长 3 年）"},
    "m_mode": {"type": "string", "enum": ["avg", "total"], "default": "avg"},
    "threshold": {"type": "string", "enum": ["mean", "median", "quintile"], "default": "mean"}}}

BULK_ROWS = {"title": "BulkRows", "type": "object", "required": ["rows"], "properties": {
    "rows": {"type": "array", "minItems": 1, "items": {"type": "object", "additionalProperties": True},
             "description": "每行一个对象，键为导入模板的列名（中文）；每次最多 BULK_MAX_ROWS 行"}}}

CUSTOMER_FILTER = {"title": "CustomerExportFilter", "type": "object", "properties": {
    name: {"type": "string"} for name in ("q", "class", "tag", "store", "sort", "order")}}

RETRY = {"title": "ImportRetry", "type": "object", "properties": {"dry_run": {"type": "boolean"}}}

MAPPING = {"title": "ColumnMapping", "type": "object", "required": ["mapping"], "properties": {
    "mapping": {"type": "object", "additionalProperties": {"type": "string"},
                "description": "文件列名 → 系统字段"}}}

STORE_NAME = {"title": "StoreName", "type": "object", "required": ["name"],
              "properties": {"name": {"type": "string", "maxLength": 30}}}

DICTIONARY_ITEMS = {"title": "DictionaryItems", "type": "object", "required": ["items"],
                    "properties": {"items": {"type": "array", "items": {"type": "string"}}}}
