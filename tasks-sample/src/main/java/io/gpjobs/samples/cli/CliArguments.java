package io.gpjobs.samples.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code gpjobs} command line: the command, its operands and the options. Options may come before or
 * after the command, as {@code --name value} or {@code --name=value}; {@code --} ends the options.
 *
 * <p>Immutable and thread-safe.
 *
 * @param command     the command name (see {@link #COMMANDS}); "help" when none was given or {@code --help} was
 * @param operands    the operands after the command: a task name, a job id, {@code name=value} inputs
 * @param jobsDir     the {@code --jobs-dir} option, or null for the default
 * @param serviceFile the {@code --service} option, or null for the built-in sample service
 * @param follow      whether {@code --follow} was given
 * @param progress    how progress is shown ({@code --progress}, default {@link ProgressMode#AUTO})
 * @param png         the {@code --png} option of the map and demo commands: the PNG file to write, or null
 * @param outputs     the {@code --format} and {@code --out} options of the run and results commands
 * @param olderThan   the {@code --older-than} option of the cleanup command, or null for the service's maxFileAge
 * @param detach      whether {@code --detach} was given (submit: run the job in a background process)
 * @param verbose     whether {@code --verbose} was given (diagnostics on standard error too)
 */
record CliArguments(String command, List<String> operands, Path jobsDir, Path serviceFile, boolean follow,
                    ProgressMode progress, Path png,
                    OutputOptions outputs,
                    Duration olderThan,
                    boolean detach,
                    boolean verbose) {

    /** How a followed job's progress is drawn on standard error. */
    enum ProgressMode {
        /** A redrawn bar when standard error is a terminal, plain lines otherwise. */
        AUTO,
        /** Always the redrawn bar ({@code \r}). */
        BAR,
        /** Plain lines at status and progress changes. */
        PLAIN,
        /** Nothing. */
        NONE
    }

    /** The commands, each with its operand count: minimum and maximum (-1 for any number). */
    static final Map<String, int[]> COMMANDS = Map.ofEntries(
            Map.entry("help", new int[] {0, 0}),
            Map.entry("tasks", new int[] {0, 0}),
            Map.entry("describe", new int[] {1, 1}),
            Map.entry("run", new int[] {1, -1}),
            Map.entry("submit", new int[] {1, -1}),
            Map.entry("demo", new int[] {0, -1}),
            Map.entry("job", new int[] {1, 1}),
            Map.entry("follow", new int[] {1, 1}),
            Map.entry("results", new int[] {1, 2}),
            Map.entry("inputs", new int[] {1, 1}),
            Map.entry("cancel", new int[] {1, 1}),
            Map.entry("delete", new int[] {1, 1}),
            Map.entry("jobs", new int[] {0, 0}),
            Map.entry("cleanup", new int[] {0, 0}),
            Map.entry("map", new int[] {1, 1}));

    /** Checks the fields and copies the operands. */
    CliArguments {
        Objects.requireNonNull(command, "command");
        operands = List.copyOf(operands);
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(outputs, "outputs");
    }

    /**
     * Parses the arguments of {@code main}.
     *
     * @throws UsageException naming the argument when a command or option is unknown, an option lacks its value or
     *                        is given twice, or the command has too few or too many operands
     */
    static CliArguments parse(String... args) {
        Objects.requireNonNull(args, "args");
        String command = null;
        List<String> operands = new ArrayList<>();
        Path jobsDir = null;
        Path serviceFile = null;
        boolean follow = false;
        boolean help = false;
        ProgressMode progress = null;
        Path png = null;
        String format = null;
        Path out = null;
        Duration olderThan = null;
        boolean detach = false;
        boolean verbose = false;
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String a = Objects.requireNonNull(args[i], "argument");
            if (!optionsEnded && a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && a.startsWith("-") && a.length() > 1) {
                int eq = a.indexOf('=');
                String name = eq > 0 ? a.substring(0, eq) : a;
                String inline = eq > 0 ? a.substring(eq + 1) : null;
                switch (name) {
                    case "-h", "--help" -> {
                        noValue(name, inline);
                        help = true;
                    }
                    case "--follow" -> {
                        noValue(name, inline);
                        follow = true;
                    }
                    case "--jobs-dir" -> {
                        once(name, jobsDir);
                        String v = inline != null ? inline : value(args, ++i, name);
                        jobsDir = path(name, v);
                    }
                    case "--service" -> {
                        once(name, serviceFile);
                        String v = inline != null ? inline : value(args, ++i, name);
                        serviceFile = path(name, v);
                    }
                    case "--progress" -> {
                        once(name, progress);
                        String v = inline != null ? inline : value(args, ++i, name);
                        progress = progressMode(v);
                    }
                    case "--png" -> {
                        once(name, png);
                        String v = inline != null ? inline : value(args, ++i, name);
                        png = path(name, v);
                    }
                    case "--format" -> {
                        once(name, format);
                        format = OutputOptions.format(inline != null ? inline : value(args, ++i, name));
                    }
                    case "--out" -> {
                        once(name, out);
                        String v = inline != null ? inline : value(args, ++i, name);
                        out = path(name, v);
                    }
                    case "--older-than" -> {
                        once(name, olderThan);
                        olderThan = DurationArgument.parse(name, inline != null ? inline : value(args, ++i, name));
                    }
                    case "--detach" -> {
                        noValue(name, inline);
                        detach = true;
                    }
                    case "--verbose", "-v" -> {
                        noValue(name, inline);
                        verbose = true;
                    }
                    default -> throw new UsageException("unknown option '" + a + "'");
                }
                continue;
            }
            if (command == null) {
                command = a;
            } else {
                operands.add(a);
            }
        }
        OutputOptions outputs = new OutputOptions(format, out);
        if (help || command == null) {
            return new CliArguments("help", List.of(), jobsDir, serviceFile, follow,
                    progress == null ? ProgressMode.AUTO : progress, png, outputs, olderThan, detach, verbose);
        }
        int[] arity = COMMANDS.get(command);
        if (arity == null) {
            throw new UsageException("unknown command '" + command + "'; the commands are "
                    + COMMANDS.keySet().stream().sorted().toList());
        }
        if (operands.size() < arity[0]) {
            throw new UsageException("command '" + command + "' needs " + operandName(command) + ", got nothing");
        }
        if (arity[1] >= 0 && operands.size() > arity[1]) {
            throw new UsageException("command '" + command + "' takes " + (arity[1] == 0 ? "no operand"
                    : "only " + operandName(command)) + ", got extra '" + operands.get(arity[1]) + "'");
        }
        if (follow && !command.equals("submit")) {
            throw new UsageException("option '--follow' applies to the submit command only, not '" + command + "'");
        }
        if (png != null && !command.equals("map") && !command.equals("demo")) {
            throw new UsageException("option '--png' applies to the map and demo commands only, not '" + command + "'");
        }
        only("--format", format != null, command, "run", "results");
        only("--out", out != null, command, "run", "results");
        only("--older-than", olderThan != null, command, "cleanup");
        only("--detach", detach, command, "submit");
        if (detach && follow) {
            throw new UsageException("options '--detach' and '--follow' exclude each other: a detached job runs "
                    + "in the background; follow it with 'gpjobs follow <jobId>'");
        }
        return new CliArguments(command, operands, jobsDir, serviceFile, follow,
                progress == null ? ProgressMode.AUTO : progress, png, outputs, olderThan, detach, verbose);
    }

    private static void only(String option, boolean given, String command, String... commands) {
        if (given && !List.of(commands).contains(command)) {
            throw new UsageException("option '" + option + "' applies to the " + String.join(" and ", commands)
                    + " command" + (commands.length > 1 ? "s" : "") + " only, not '" + command + "'");
        }
    }

    private static String operandName(String command) {
        return switch (command) {
            case "describe", "run", "submit" -> "a task name";
            case "results" -> "a job id (and an output name)";
            default -> "a job id";
        };
    }

    private static void noValue(String name, String inline) {
        if (inline != null) {
            throw new UsageException("option '" + name + "' takes no value, got '" + inline + "'");
        }
    }

    private static void once(String name, Object current) {
        if (current != null) {
            throw new UsageException("option '" + name + "' is given twice");
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length || args[i].isEmpty()) {
            throw new UsageException("option '" + name + "' needs a value");
        }
        return args[i];
    }

    private static Path path(String name, String v) {
        if (v.isBlank()) {
            throw new UsageException("option '" + name + "' needs a path, got '" + v + "'");
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageException("option '" + name + "': '" + v + "' is not a valid path", e);
        }
    }

    private static ProgressMode progressMode(String v) {
        for (ProgressMode m : ProgressMode.values()) {
            if (m.name().equalsIgnoreCase(v)) {
                return m;
            }
        }
        throw new UsageException("option '--progress' must be auto, bar, plain or none, got '" + v + "'");
    }
}
