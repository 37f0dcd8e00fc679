package dev.bedrockgateway.chat;

import dev.bedrockgateway.tenant.AwsTarget;
import dev.bedrockgateway.tenant.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a call chooses among its tenant's AWS targets: the first at random in proportion to the weights, then the
 * others in the order configured, standbys (weight 0) last. Random by weight needs no shared state, so choosing takes
 * no lock and every replica spreads the same way; a target that throttles or fails is left by the call's next attempt
 * at once, and by later calls once its circuit breaker opens.
 */
final class Targets {

    private Targets() {}

    /** The target a call tries first. */
    static AwsTarget first(Tenant tenant) {
        List<AwsTarget> targets = tenant.targets();
        if (targets.size() == 1) {
            return targets.get(0);
        }
        int total = 0;
        for (AwsTarget target : targets) {
            total += target.weight();
        }
        int ticket = ThreadLocalRandom.current().nextInt(total);
        for (AwsTarget target : targets) {
            ticket -= target.weight();
            if (ticket < 0) {
                return target;
            }
        }
        throw new IllegalStateException("weights changed while choosing");
    }

    /** The targets in the order one call tries them, starting with its first. */
    static List<AwsTarget> order(Tenant tenant, AwsTarget first) {
        List<AwsTarget> targets = tenant.targets();
        if (targets.size() == 1) {
            return targets;
        }
        List<AwsTarget> order = new ArrayList<>(targets.size());
        order.add(first);
        for (AwsTarget target : targets) {
            if (target != first && target.weight() > 0) {
                order.add(target);
            }
        }
        for (AwsTarget target : targets) {
            if (target != first && target.weight() == 0) {
                order.add(target);
            }
        }
        return order;
    }
}
