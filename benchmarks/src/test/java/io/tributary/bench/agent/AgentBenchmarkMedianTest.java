package io.tributary.bench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentBenchmarkMedianTest {
    @Test
    void anOddCountTakesTheMiddleRoundWhateverTheOrder() {
        assertThat(AgentBenchmark.median(new double[] {398_306, 271_914, 325_425})).isEqualTo(325_425);
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwoAndLeavesTheInputAlone() {
        double[] rounds = {4, 1, 3, 2};
        assertThat(AgentBenchmark.median(rounds)).isEqualTo(2.5);
        assertThat(rounds).containsExactly(4, 1, 3, 2);
    }
}
