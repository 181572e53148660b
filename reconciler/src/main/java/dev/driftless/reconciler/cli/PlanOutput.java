package dev.driftless.reconciler.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.Wave;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a plan reads: terraform's {@code + ~ -} with colour on a terminal, wave by wave (steps of a
 * wave run side by side, a wave after the ones before it), or JSON for scripts. With a target other
 * than the local one, each app's plan reads under {@code app@target}, target after target; JSON
 * gives each plan its {@code target}. Only
 * names, reasons and counts appear, never a value from the spec, so no secret can leak through here.
 */
final class PlanOutput {

    enum Format {
        TEXT, JSON;

        // picocli converts "json" via valueOf after this; accept lower case as users type it.
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String RESET = "\u001b[0m";

    private PlanOutput() {
    }

    /** Colour when a person is watching: a terminal, TERM not dumb, and NO_COLOR unset (no-color.org). */
    static boolean colourWanted() {
        String term = System.getenv("TERM");
        return System.console() != null && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb");
    }

    static String text(Reconciler.Preview preview, boolean colour) {
        StringBuilder out = new StringBuilder();
        if (preview.sourceError().isPresent()) {
            return "error: " + preview.sourceError().get() + "\n";
        }
        preview.snapshot().ifPresent(snapshot -> out.append("Revision ").append(snapshot.shortRevision())
                .append(" (").append(snapshot.subject()).append(")\n\n"));
        preview.failures().forEach((app, error) -> out.append(paint("error", colour, "31")).append(": app ")
                .append(app).append(": ").append(error.replace("\n", "\n  ")).append("\n"));
        long add = 0;
        long change = 0;
        long remove = 0;
        for (TargetPlan targetPlan : targetPlans(preview)) {
            Plan plan = targetPlan.plan();
            plan.warnings().forEach(warning -> out.append(paint("warning", colour, "33")).append(": ").append(warning)
                    .append("\n"));
            if (plan.isEmpty()) {
                out.append("  ").append(targetPlan.heading()).append(": in sync\n");
                continue;
            }
            out.append("  ").append(targetPlan.heading()).append(":\n");
            int number = 0;
            for (Wave wave : plan.waves()) {
                out.append("    wave ").append(++number).append(": ").append(wave.label()).append("\n");
                for (Action action : wave.actions()) {
                    String line = "      " + action.change().sign() + " " + action.verb() + " " + action.subject();
                    out.append(paint(line, colour, colourOf(action.change()))).append("  (").append(action.reason())
                            .append(")\n");
                }
            }
            add += plan.count(Action.Change.ADD);
            change += plan.count(Action.Change.CHANGE);
            remove += plan.count(Action.Change.REMOVE);
        }
        out.append("\n");
        if (add + change + remove == 0) {
            out.append(preview.failures().isEmpty() ? "No changes. The engine matches the repo.\n"
                    : "No changes planned for the apps that rendered.\n");
        } else {
            out.append("Plan: ").append(add).append(" to add, ").append(change).append(" to change, ").append(remove)
                    .append(" to remove.\n");
        }
        return out.toString();
    }

    static String json(Reconciler.Preview preview) {
        Map<String, Object> document = new LinkedHashMap<>();
        preview.snapshot().ifPresent(snapshot -> {
            document.put("revision", snapshot.revision());
            document.put("subject", snapshot.subject());
        });
        document.put("changes", preview.hasChanges());
        List<Map<String, Object>> apps = new ArrayList<>();
        for (TargetPlan targetPlan : targetPlans(preview)) {
            Plan plan = targetPlan.plan();
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("app", plan.app());
            app.put("target", targetPlan.target());
            app.put("inSync", plan.isEmpty());
            List<Map<String, Object>> actions = new ArrayList<>();
            List<Map<String, Object>> waves = new ArrayList<>();
            for (Wave wave : plan.waves()) {
                int number = waves.size() + 1;
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("wave", number);
                described.put("label", wave.label());
                described.put("delaySeconds", wave.delay().toMillis() / 1000.0);
                described.put("steps", wave.actions().size());
                waves.add(described);
                wave.actions().forEach(action -> {
                    Map<String, Object> step = json(action);
                    step.put("wave", number);
                    actions.add(step);
                });
            }
            app.put("actions", actions);
            app.put("waves", waves);
            app.put("warnings", plan.warnings());
            apps.add(app);
        }
        document.put("apps", apps);
        document.put("errors", preview.failures());
        preview.sourceError().ifPresent(error -> document.put("sourceError", error));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan of strings and lists always serialises", e);
        }
    }

    /**
     * One app's plan on one target, and the heading it reads under: the app's name, or
     * {@code app@target} when the plan involves a target other than the local one.
     */
    record TargetPlan(String target, Plan plan, boolean named) {

        String heading() {
            return named ? plan.app() + "@" + target : plan.app();
        }
    }

    /** Every plan, target after target in the order the reconcile visits them. */
    static List<TargetPlan> targetPlans(Reconciler.Preview preview) {
        if (preview.targets().isEmpty()) {
            return preview.plans().stream().map(plan -> new TargetPlan(TargetConfig.LOCAL, plan, false)).toList();
        }
        boolean named = namesTargets(preview.targets().stream().map(part -> part.target().name()).toList());
        List<TargetPlan> plans = new ArrayList<>();
        preview.targets().forEach(part -> part.plans().forEach(plan ->
                plans.add(new TargetPlan(part.target().name(), plan, named))));
        return plans;
    }

    /**
     * Whether output must name the target of each app: when a target other than the local one is
     * involved. A repo that runs on the local engine only reads as it did before targets.
     */
    static boolean namesTargets(Collection<String> targets) {
        return targets.stream().anyMatch(target -> !TargetConfig.LOCAL.equals(target));
    }

    private static Map<String, Object> json(Action action) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("change", action.change().name().toLowerCase(Locale.ROOT));
        step.put("action", action.verb());
        step.put("subject", action.subject());
        step.put("reason", action.reason());
        return step;
    }

    private static String colourOf(Action.Change change) {
        return switch (change) {
            case ADD -> "32";
            case CHANGE -> "33";
            case REMOVE -> "31";
        };
    }

    private static String paint(String text, boolean colour, String code) {
        return colour ? "\u001b[" + code + "m" + text + RESET : text;
    }
}
