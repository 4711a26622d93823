"""Times Mesa's own Epstein civil violence example (shipped with Mesa 3) for the powderkeg bench.

Usage: python3 epstein_mesa.py W H STEPS SEED
Prints one JSON line: seconds to import Mesa, to build the model and to run the steps. The
example is run with Epstein's Run 2 parameters where its constructor takes them.
"""
import inspect
import json
import sys
import time

started = time.perf_counter()
import mesa  # noqa: E402

try:
    from mesa.examples.advanced.epstein_civil_violence.model import EpsteinCivilViolence
except ImportError as err:  # Mesa 2 ships no examples
    print(json.dumps({"error": f"Mesa {mesa.__version__} has no bundled Epstein example: {err}"}))
    sys.exit(3)

imported = time.perf_counter()
w, h, steps, seed = (int(a) for a in sys.argv[1:5])
run2 = {
    "width": w,
    "height": h,
    "citizen_density": 0.7,
    "cop_density": 0.04,
    "citizen_vision": 7,
    "cop_vision": 7,
    "legitimacy": 0.82,
    "max_jail_term": 30,
    "active_threshold": 0.1,
    "arrest_prob_constant": 2.3,
    "movement": True,
    "max_iters": steps + 1,
    "seed": seed,
}
accepted = inspect.signature(EpsteinCivilViolence.__init__).parameters
model = EpsteinCivilViolence(**{k: v for k, v in run2.items() if k in accepted})
built = time.perf_counter()
for _ in range(steps):
    model.step()
done = time.perf_counter()
print(json.dumps({
    "mesa": mesa.__version__,
    "parameters": sorted(k for k in run2 if k in accepted),
    "importSeconds": imported - started,
    "setupSeconds": built - imported,
    "stepSeconds": done - built,
    "steps": steps,
}))
