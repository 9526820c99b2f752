package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code tributary check-config FILE}: validates a role's YAML config without starting the role.
 * The role comes from {@code --role} or from the file's top-level keys. Exit 0 valid, 1 invalid
 * (the line names the key path), 2 bad usage (unknown role, role cannot be told).
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a broker, agent or sink config file without starting anything.")
public final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "YAML config file")
    Path file;

    @Option(names = "--role", paramLabel = "ROLE", description = "the role the file configures (default: told from its keys)")
    String role;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<ConfigCheck> checks = ConfigChecks.all();
        String roles = checks.stream().map(ConfigCheck::role).collect(Collectors.joining(", "));
        if (!Files.isRegularFile(file)) {
            throw new CliException(file + ": no such file");
        }
        ConfigCheck check;
        if (role != null) {
            check = checks.stream().filter(c -> c.role().equals(role)).findFirst()
                    .orElseThrow(() -> CliException.usage("unknown --role '" + role + "' (known: " + roles + ")"));
        } else {
            Set<String> keys = topLevelKeys();
            List<ConfigCheck> claiming = checks.stream().filter(c -> c.recognizes(keys)).toList();
            if (claiming.size() != 1) {
                throw CliException.usage("cannot tell which role " + file + " configures from its keys "
                        + (keys.isEmpty() ? "(none)" : keys) + "; pass --role (" + roles + ")");
            }
            check = claiming.get(0);
        }
        String summary;
        try {
            summary = check.check(file);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new CliException(message.startsWith(file.toString()) ? message : file + ": " + message);
        }
        spec.commandLine().getOut().println(file + ": ok (" + check.role() + ": " + summary + ")");
        return 0;
    }

    private Set<String> topLevelKeys() {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            Set<String> keys = new LinkedHashSet<>();
            if (root != null && root.isObject()) {
                root.fieldNames().forEachRemaining(keys::add);
            }
            return keys;
        } catch (IOException e) {
            throw new CliException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
