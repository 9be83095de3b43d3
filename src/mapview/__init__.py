"""mapview: where leaders wanted by the ICC travelled, and whether the host was bound to arrest."""

__version__ = "0.1.0"
