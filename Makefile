# Two entry points: `make run` (dashboard on the committed data) and `make test` (whole suite, browser included).
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test build bench screenshots

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
	if [ -f bench/bench_city_violence.py ]; then $(PY) bench/bench_city_violence.py; fi
	$(PY) bench/bench_corridors.py
	$(PY) bench/bench_border_patrol.py
