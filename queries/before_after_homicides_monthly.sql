-- Monthly INEGI deaths by homicide (month of occurrence) of the listed municipios ($codes, CVEGEO) from $start to $end; 0 is a real zero, a month with no row is no data (the municipal file ends December 2021).
SELECT code AS unit,
       date,
       homicides::BIGINT AS value
FROM homicides_monthly
WHERE list_contains(CAST($codes AS VARCHAR[]), code)
  AND measure = 'inegi_occurrence'
  AND date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
ORDER BY date, code
