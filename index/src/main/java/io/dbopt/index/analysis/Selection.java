package io.dbopt.index.analysis;

import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.WhatIfMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy index selection. Each round takes the candidate with the largest calls-weighted cost saved over the costs
 * left by the indexes already chosen, net of its write penalty, among those that fit the remaining storage budget and
 * lower some statement's cost by at least {@link IndexOptions#minCostReduction()}. A smaller candidate replaces it
 * when its gain falls short by less than {@link #NEAR_TIE} of what the best one leaves (a covering or longer index
 * that buys next to nothing loses to the plain one). Costs of candidates are taken alone: two indexes that help one
 * statement together (a bitmap AND) are not modelled.
 */
final class Selection {

    /** A smaller candidate wins when its gain falls short of the best by less than this share of what is left. */
    static final double NEAR_TIE = 0.05;

    /** A candidate costed alone: cost per statement (by index into the statement list), size and penalty. */
    record Costed(IndexDefinition index, Map<Integer, Double> costs, long size, double penalty, WhatIfMethod method) {
    }

    /** A chosen candidate with the statements it sped up when it was chosen: statement to {before, after}. */
    record Chosen(Costed costed, Map<Integer, double[]> marginal) {
    }

    private Selection() {
    }

    static List<Chosen> select(List<Costed> costed, double[] baseline, long[] calls, IndexOptions options) {
        double[] current = baseline.clone();
        List<Chosen> chosen = new ArrayList<>();
        List<Costed> remaining = new ArrayList<>(costed);
        long used = 0;
        while (chosen.size() < options.maxRecommendations()) {
            Costed best = best(remaining, current, calls, options, used);
            if (best == null) {
                break;
            }
            Map<Integer, double[]> marginal = new LinkedHashMap<>();
            best.costs().forEach((i, cost) -> {
                if (cost < current[i] * 0.99) {
                    marginal.put(i, new double[] {current[i], cost});
                }
                current[i] = Math.min(current[i], cost);
            });
            chosen.add(new Chosen(best, marginal));
            remaining.remove(best);
            used += best.size();
        }
        return chosen;
    }

    private static Costed best(List<Costed> remaining, double[] current, long[] calls, IndexOptions options,
                               long used) {
        Costed best = null;
        double bestGain = 0;
        for (Costed c : remaining) {
            double gain = used + c.size() > options.storageBudgetBytes() ? 0 : netGain(c, current, calls, options);
            if (gain > bestGain) {
                best = c;
                bestGain = gain;
            }
        }
        if (best == null) {
            return null;
        }
        double slack = NEAR_TIE * remainingCost(best, current, calls);
        for (Costed c : remaining) {
            if (c.size() < best.size() && used + c.size() <= options.storageBudgetBytes()
                    && netGain(c, current, calls, options) >= bestGain - slack) {
                best = c;
            }
        }
        return best;
    }

    /** Calls-weighted cost of the statements a candidate speeds up, with the candidate in place. */
    private static double remainingCost(Costed c, double[] current, long[] calls) {
        double sum = 0;
        for (Map.Entry<Integer, Double> e : c.costs().entrySet()) {
            if (e.getValue() < current[e.getKey()]) {
                sum += calls[e.getKey()] * e.getValue();
            }
        }
        return sum;
    }

    /** Calls-weighted cost saved over the current costs, or 0 when no statement gains the minimum share. */
    static double netGain(Costed c, double[] current, long[] calls, IndexOptions options) {
        double gain = 0;
        boolean worthy = false;
        for (Map.Entry<Integer, Double> e : c.costs().entrySet()) {
            double now = current[e.getKey()];
            double delta = now - e.getValue();
            if (delta > 0) {
                gain += calls[e.getKey()] * delta;
                worthy |= delta >= options.minCostReduction() * now;
            }
        }
        return worthy ? gain - c.penalty() : 0;
    }
}
