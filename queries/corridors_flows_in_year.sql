-- Flows (corridor × direction × commodity) of every corridor valid in $year, drawn or not (drawn = false: C20/C21, border-wide), filtered by $direction ('NB'/'SB'; NULL or '' = any; a flow with no stated direction matches only 'any') and $commodity (commodity_group; NULL or '' = any), with who controlled each corridor.
SELECT corridor_id,
       corridor_name,
       drawn,
       direction,
       commodity,
       commodity_group,
       direction_basis,
       commodities_raw,
       corridor_direction,
       organizations,
       period_active,
       valid_from,
       valid_to,
       confidence,
       sources,
       flow_estimate
FROM corridor_flows
WHERE valid_from <= CAST($year AS INTEGER)
  AND (valid_to IS NULL OR valid_to >= CAST($year AS INTEGER))
  AND coalesce(CAST($direction AS VARCHAR), '') IN ('', direction)
  AND coalesce(CAST($commodity AS VARCHAR), '') IN ('', commodity_group)
ORDER BY corridor_id, direction NULLS LAST, commodity_group, commodity
