# Two entry points: `make run` (dashboard on the committed data) and `make test` (whole suite, browser included).
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test build bench screenshots i18n

$(VENV)/.installed: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(VENV)/.installed
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-caddy.sh
	$(PY) -m pytest -q

build: $(VENV)/.installed
	$(PY) -m geo build

bench: $(VENV)/.installed
	$(PY) bench/bench_ports.py
	$(PY) bench/bench_city_violence.py
	$(PY) bench/bench_explorer.py
	$(PY) bench/bench_corridors.py
	$(PY) bench/bench_border_patrol.py

# Catalogues: pull every _("…") into locale/atlas.pot and merge it into each language's .po (translate there).
# The app compiles the .po in memory when it starts, so no .mo is built or committed; tests/i18n checks every string.
i18n: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output -w 120 -o locale/atlas.pot app.py geo ui pages
	$(VENV)/bin/pybabel update -i locale/atlas.pot -d locale -D atlas --no-fuzzy-matching -w 120
