"""JSON twins of the process pages; `router` is mounted on /api/v1/.

The endpoints live in two modules (the process and its participants; the work inside it) but
keep the OpenAPI operation ids they had in one module, so API clients see no change."""

from ninja import Router

from urbanforum.processes.api import processes, work


def keep_operation_ids(router: Router, module: str) -> None:
    """Name the operations of `router` as django-ninja names those of `module`
    (`<module>_<function>`, dots as underscores), unless they have an id of their own."""
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            if operation.operation_id is None:
                name = operation.view_func.__name__
                operation.operation_id = f"{module}_{name}".replace(".", "_")


router = Router(tags=["processes"])
for part in (processes, work):
    keep_operation_ids(part.router, "urbanforum.processes.api")
    router.add_router("", part.router)

__all__ = ["keep_operation_ids", "router"]
