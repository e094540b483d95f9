-- One row per operation (rows with no parent) of $countries (['US','MX']; 'US/MX' matches either), by start: dates with their precision, end_status, personnel (NULL = no figure), and how many contingent rows (children at any depth) sit inside it.
SELECT d.deployment_id,
       d.country,
       d.force,
       d.operation,
       d.scope,
       d.start_date,
       d.start_precision,
       d.end_date,
       d.end_precision,
       d.end_status,
       d.first_year,
       d.last_year,
       d.period_label,
       d.personnel,
       d.personnel_note,
       d.superseded_by,
       (SELECT count(*) FROM deployments AS c WHERE list_contains(c.ancestor_ids, d.deployment_id)) AS contingents,
       d.confidence,
       d.sources,
       d.tooltip
FROM deployments AS d
WHERE NOT d.is_child
  AND list_has_any(string_split(d.country, '/'), CAST($countries AS VARCHAR[]))
ORDER BY d.start_date, d.deployment_id
