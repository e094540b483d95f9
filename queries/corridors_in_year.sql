-- Corridors drawn for $year (valid_from <= year <= valid_to; valid_to NULL = still active) that carry $commodity (a commodity_group: drugs, migrants, firearms, cash, contraband; NULL or '' = any) in $direction ('NB' or 'SB'; NULL or '' = any), with the matching flows, as GeoJSON lines in drawing order.
WITH matched AS (
    SELECT corridor_id,
           -- sorted lists, not ordered aggregates (string_agg … ORDER BY): the same text, a few ms less per year
           array_to_string(list_transform(
               list_sort(list([coalesce(direction, '~'), commodity_group, commodity,  -- '~': no direction sorts last
                               commodity || CASE WHEN direction IS NULL THEN ' (direction not stated)'
                                                 ELSE ' (' || direction || ')' END])),
               f -> f[4]), ', ') AS matched_flows,
           list_sort(list_distinct(list(commodity_group))) AS matched_groups
    FROM corridor_flows
    WHERE coalesce(CAST($direction AS VARCHAR), '') IN ('', direction)
      AND coalesce(CAST($commodity AS VARCHAR), '') IN ('', commodity_group)
    GROUP BY corridor_id
)
SELECT c.corridor_id,
       c.name,
       c.direction,
       c.line_direction,
       c.plaza_mx,
       c.plaza_us,
       c.organizations,
       c.commodities,
       m.matched_flows,
       m.matched_groups,
       c.confidence,
       c.period_active,
       c.valid_from,
       c.valid_to,
       c.valid_from_precision,
       c.sources,
       c.source_citations,
       c.description,
       c.flow_estimate,
       c.route,
       c.vertex_count,
       c.geometry_basis,
       c.tooltip,
       ST_AsGeoJSON(c.geometry) AS geojson
FROM corridors AS c
JOIN matched AS m USING (corridor_id)
WHERE c.valid_from <= CAST($year AS INTEGER)
  AND (c.valid_to IS NULL OR c.valid_to >= CAST($year AS INTEGER))
ORDER BY c.corridor_id
