-- Southwest land border encounters per month from $start to $end for the chosen components, split by $dimension (component, encounter_type, demographic, citizenship or title); a missing month/category has no row.
SELECT date,
       any_value(fiscal_year) AS fiscal_year,
       bool_or(fytd) AS fytd,
       CASE $dimension
           WHEN 'component' THEN component
           WHEN 'encounter_type' THEN encounter_type
           WHEN 'demographic' THEN demographic
           WHEN 'citizenship' THEN citizenship
           WHEN 'title' THEN title
           ELSE error('unknown dimension ' || $dimension
                      || '; use component, encounter_type, demographic, citizenship or title')
       END AS category,
       sum(encounters)::BIGINT AS encounters
FROM sw_encounters
WHERE date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
  AND list_contains(CAST($components AS VARCHAR[]), component)
GROUP BY date, category
ORDER BY date, category
