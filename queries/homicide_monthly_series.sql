-- Monthly homicides of one place ($code: municipio CVEGEO or INEGI state code) under one measure from $start to $end (first-of-month dates, inclusive); 0 is a real zero.
SELECT code,
       name,
       state_code,
       geo_level,
       date,
       homicides,
       measure
FROM homicides_monthly
WHERE code = $code
  AND measure = $measure
  AND date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
ORDER BY date
