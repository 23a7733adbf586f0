"""Check a period log against its SOP with pm4py (conformance checking): token replay and alignments.

pm4py is not a sopdoc dependency; install it next to sopdoc to run this (``pip install pm4py``).

    sopdoc period export INSTANCE --format xes  -o log.xes     # every instance and case of the SOP
    sopdoc period export INSTANCE --format pnml -o sop.pnml    # the SOP as a Petri net
    python examples/pm4py_conformance.py log.xes sop.pnml

Each case is one trace. Only the ``complete`` events are replayed (each step is one activity of the
net; its ``start`` event says when work began). A trace that does not fit names the steps the log
skipped or did out of order, as ``sopdoc period check`` does with CMP201/CMP202/CMP203/CMP205.
"""

from __future__ import annotations

import sys


def main(log_file: str, net_file: str) -> int:
    import pm4py
    from pm4py.objects.petri_net.obj import Marking

    log = pm4py.read_xes(log_file)
    log = log[log["lifecycle:transition"] == "complete"]
    net, initial, _final = pm4py.read_pnml(net_file)
    final = Marking({p: 1 for p in net.places if p.name == "akhir"})  # sopdoc's sink place

    replay = pm4py.conformance_diagnostics_token_based_replay(log, net, initial, final)
    alignments = pm4py.conformance_diagnostics_alignments(log, net, initial, final)
    fitness = pm4py.fitness_token_based_replay(log, net, initial, final)
    print(f"fitness (token replay): {fitness['log_fitness']:.3f}, "
          f"traces fitting: {fitness['percentage_of_fitting_traces']:.0f} %")
    cases = list(dict.fromkeys(log["case:concept:name"]))
    for case, tokens, aligned in zip(cases, replay, alignments, strict=True):
        if tokens["trace_is_fit"]:
            continue
        moves = []
        for log_move, model_move in aligned["alignment"]:  # ">>": no move on that side; None: a silent step
            if model_move == ">>":
                moves.append(f"in the log only: {log_move}")
            elif log_move == ">>" and model_move is not None:
                moves.append(f"missing from the log: {model_move}")
        print(f"{case}: does not fit; {'; '.join(moves) or 'see the token replay'}")
    return 0 if fitness["percentage_of_fitting_traces"] == 100 else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
