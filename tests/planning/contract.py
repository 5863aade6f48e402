"""The keys of the staffing JSON object, as issue 8's contract names them."""

KEYS = {
    "model",
    "traffic_erlangs",
    "stable",
    "agents",
    "p_wait",
    "service_level",
    "asa_seconds",
    "occupancy",
    "p_abandon",
    "abandoned_after_t",
    "required_agents",
    "required_agents_with_shrinkage",
}
