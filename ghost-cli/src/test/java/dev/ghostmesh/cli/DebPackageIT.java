package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What target/ghost-terminal_*_all.deb holds: its control fields, its files with their modes
 * and owners, the bytes of its jars, and whether its man page and copyright file cover what
 * the CLI and its libraries are. Runs after the package phase (surefire's package-tests
 * execution); the launcher itself is {@link DebLauncherIT}'s.
 */
class DebPackageIT {
    private static final String SHARE = "./usr/share/ghost-terminal/";
    private static final String LAUNCHER = "./usr/bin/ghost-terminal";
    private static final String MAN_PAGE = "./usr/share/man/man1/ghost-terminal.1.gz";
    private static final String COPYRIGHT = "./usr/share/doc/ghost-terminal/copyright";
    private static final String CHANGELOG = "./usr/share/doc/ghost-terminal/changelog.gz";

    @TempDir
    Path tmp;

    @Test
    void controlFieldsNameTheReleaseVersionForAllArchitectures() {
        DebPackage deb = DebPackage.built();
        Map<String, String> f = deb.fields();
        assertEquals("ghost-terminal", f.get("Package"));
        assertEquals(DebPackage.expectedVersion(), f.get("Version"));
        assertTrue(f.get("Version").matches("\\d+\\.\\d+\\.\\d+(~\\w+)?"), f.get("Version"));
        assertEquals("all", f.get("Architecture"));
        assertEquals("ghost-terminal_" + f.get("Version") + "_all.deb",
                deb.file.getFileName().toString());
        assertTrue(f.getOrDefault("Maintainer", "").matches(".+ <[^@ >]+@[^@ >]+>"),
                "Maintainer is 'name <email>': " + f.get("Maintainer"));
        String description = f.getOrDefault("Description", "");
        assertFalse(description.lines().findFirst().orElse("").isBlank(), "a synopsis line");
        assertTrue(description.lines().count() > 2, "and a long description: " + description);
        assertTrue(Integer.parseInt(f.get("Installed-Size")) > 1000, "KiB: " + f);
    }

    /**
     * Depends must hold a clause every alternative of which is a Java 17+ runtime: with a Java
     * 11 alternative, apt could install the package where it cannot run.
     */
    @Test
    void dependsOnAJava17OrNewerRuntime() {
        String depends = DebPackage.built().fields().getOrDefault("Depends", "");
        List<String> javaClauses = Stream.of(depends.split(","))
                .map(String::strip)
                .filter(c -> c.contains("java") || c.contains("jre") || c.contains("jdk"))
                .toList();
        assertEquals(1, javaClauses.size(), "one Java clause in: " + depends);
        for (String alternative : javaClauses.get(0).split("\\|")) {
            assertTrue(isJava17Runtime(alternative.strip()),
                    "'" + alternative.strip() + "' is a Java 17+ runtime; Depends: " + depends);
        }
    }

    private static final Pattern DEFAULT_JRE =
            Pattern.compile("default-jre(-headless)? \\(>= 2:1\\.(\\d+)\\)");
    private static final Pattern VIRTUAL_JRE =
            Pattern.compile("(?:java(\\d+)-runtime|openjdk-(\\d+)-jre)(-headless)?");

    private static boolean isJava17Runtime(String alternative) {
        Matcher m = DEFAULT_JRE.matcher(alternative);
        if (m.matches()) {
            return Integer.parseInt(m.group(2)) >= 17;
        }
        m = VIRTUAL_JRE.matcher(alternative);
        if (m.matches()) {
            return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)) >= 17;
        }
        return false;
    }

    @Test
    void holdsTheLauncherEveryJarTheManPageAndTheCopyrightAllOwnedByRoot() throws IOException {
        List<DebPackage.Entry> entries = DebPackage.built().entries();
        Set<String> files = new TreeSet<>();
        for (DebPackage.Entry e : entries) {
            assertEquals("root/root", e.owner(), e.toString());
            assertEquals("0/0", e.numericOwner(), e.toString());
            if (e.isDirectory()) {
                assertEquals("drwxr-xr-x", e.mode(), e.toString());
            } else {
                files.add(e.path());
                assertEquals(e.path().equals(LAUNCHER) ? "-rwxr-xr-x" : "-rw-r--r--", e.mode(),
                        e.toString());
            }
        }
        Set<String> expected = new TreeSet<>(List.of(LAUNCHER, MAN_PAGE, COPYRIGHT, CHANGELOG));
        builtJars().forEach(jar -> expected.add(SHARE + jar.getFileName()));
        assertEquals(expected, files);
    }

    /** The packaged jars are the build's, Bouncy Castle's unsigned copy included. */
    @Test
    void jarsAreTheOnesTheBuildMade() throws IOException {
        Path root = DebPackage.built().extractTo(tmp);
        for (Path jar : builtJars()) {
            Path packaged = root.resolve(SHARE).resolve(jar.getFileName().toString());
            assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(packaged),
                    jar.getFileName() + " packaged as built");
        }
    }

    /**
     * Every option of --help and every command of /help is an item of the man page, so a new
     * one cannot ship undocumented.
     */
    @Test
    void manPageDocumentsEveryOptionAndEveryChatCommand() throws IOException {
        Path root = DebPackage.built().extractTo(tmp.resolve("root"));
        Set<String> items = manPageItems(root.resolve(MAN_PAGE));
        Path launcher = root.resolve(LAUNCHER);
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));

        String help = DebPackage.ok(
                DebPackage.run(List.of(launcher.toString(), "--help"), env, ""));
        // The option list's lines: "  -h, --help ..." and "      --port=N ...".
        Set<String> options = tokens(Pattern.compile("(?m)^ {2,}(?:(-\\w), )?(--[a-z][\\w-]*)"),
                help);
        assertTrue(options.containsAll(List.of("--help", "-V", "--port")), options.toString());
        assertTrue(items.containsAll(options), "undocumented options: " + minus(options, items));

        String chat = DebPackage.ok(DebPackage.run(List.of(launcher.toString(), "--home",
                tmp.resolve("home").toString(), "--port", "0", "--no-discovery"), env,
                "/help\n/quit\n"));
        Set<String> commands = tokens(Pattern.compile("(?m)^\\*\\s+(/[a-z]+)"), chat);
        assertTrue(commands.containsAll(List.of("/msg", "/quit")), chat);
        assertTrue(items.containsAll(commands), "undocumented commands: " + minus(commands, items));
    }

    /** The options and commands in the tags of the man page's .TP items. */
    private static Set<String> manPageItems(Path gz) throws IOException {
        String roff = gunzip(gz).replace("\\-", "-");
        List<String> lines = roff.lines().toList();
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals(".TP")) {
                tags.append(lines.get(i + 1)).append('\n');
            }
        }
        assertTrue(roff.contains(".TH GHOST-TERMINAL 1 ") && roff.contains(
                "\"ghost-terminal " + DebPackage.expectedVersion() + "\""), "title with version");
        return tokens(Pattern.compile("(?<![\\w-])(--?[A-Za-z][\\w-]*|/[a-z]+)"), tags);
    }

    /**
     * The copyright file is machine-readable and each bundled library's jar falls under a
     * Files paragraph of its own, not only under the catch-all "*" of the project's files.
     */
    @Test
    void copyrightNamesTheLicenceOfEveryBundledLibrary() throws IOException {
        Path root = DebPackage.built().extractTo(tmp);
        String text = Files.readString(root.resolve(COPYRIGHT));
        assertTrue(text.startsWith(
                "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"));
        List<String> paragraphs = List.of(text.split("\n\n"));
        Set<String> licencesWithText = new TreeSet<>();
        List<String[]> filesLicence = new ArrayList<>();
        for (String p : paragraphs) {
            String files = field(p, "Files");
            String licence = field(p, "License");
            if (files != null) {
                assertTrue(licence != null, "Files paragraph without License: " + p);
                filesLicence.add(new String[] {files, licence});
            } else if (licence != null && licence.lines().count() > 1) {
                licencesWithText.add(licence.lines().findFirst().orElseThrow().strip());
            }
        }
        for (Path jar : builtJars()) {
            String name = jar.getFileName().toString();
            if (name.startsWith("ghost-")) {
                continue;
            }
            String[] match = filesLicence.stream()
                    .filter(fl -> !fl[0].equals("*") && Stream.of(fl[0].split("\\s+")).anyMatch(
                            glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)
                                    .matches(Path.of("usr/share/ghost-terminal", name))))
                    .findFirst().orElse(null);
            assertTrue(match != null, name + " has a Files paragraph");
            // "Apache-2.0 and BSD-2-Clause": the text of each one named is in the file.
            for (String licence : match[1].lines().findFirst().orElseThrow().strip()
                    .split("\\s+(and|or)\\s+")) {
                assertTrue(licencesWithText.contains(licence) || match[1].lines().count() > 1,
                        name + ": the text of " + licence + " is in the file");
            }
        }
    }

    /**
     * A release names its licence and its maintainer: the project's own files are Apache-2.0
     * in the copyright file, the POM and the LICENSE file alike; the Maintainer is a real
     * address, not a placeholder domain; and the project's jars carry the package's version.
     */
    @Test
    void releaseNamesItsLicenceMaintainerAndVersionEverywhere() throws IOException {
        DebPackage deb = DebPackage.built();
        Path root = deb.extractTo(tmp);
        String projectFiles = Stream.of(Files.readString(root.resolve(COPYRIGHT)).split("\n\n"))
                .filter(p -> "*".equals(field(p, "Files"))).findFirst().orElseThrow();
        assertEquals("Apache-2.0",
                field(projectFiles, "License").lines().findFirst().orElseThrow());
        Path sources = DebPackage.TARGET.getParent().getParent();
        assertTrue(Files.readString(sources.resolve("LICENSE"))
                .contains("Apache License\n                           Version 2.0, January 2004"));
        assertTrue(Files.readString(sources.resolve("pom.xml"))
                .contains("<license>\n      <name>Apache-2.0</name>"), "the POM's licence");

        String maintainer = deb.fields().get("Maintainer");
        assertFalse(maintainer.matches(".*[@.](example|invalid|test|localhost)(\\.\\w+)?>"),
                "a reserved placeholder domain: " + maintainer);

        String version = deb.fields().get("Version");
        List<String> ours = deb.entries().stream().map(DebPackage.Entry::path)
                .filter(path -> path.startsWith(SHARE + "ghost-")).toList();
        assertEquals(4, ours.size(), "ghost-cli, ghost-core, ghost-transport and"
                + " ghost-store-sqlite: " + ours);
        for (String jar : ours) {
            assertTrue(jar.matches("\\Q" + SHARE
                    + "\\Eghost-(cli|core|transport|store-sqlite)-\\Q" + version + "\\E\\.jar"),
                    jar + " carries version " + version);
        }
    }

    /** A native package's changelog: one entry, for this version, in Debian's format. */
    @Test
    void changelogHasAnEntryForThisVersion() throws IOException {
        Path root = DebPackage.built().extractTo(tmp);
        List<String> lines = gunzip(root.resolve(CHANGELOG)).lines().toList();
        assertEquals("ghost-terminal (" + DebPackage.expectedVersion()
                + ") unstable; urgency=medium", lines.get(0));
        assertTrue(lines.get(lines.size() - 1).matches(
                " -- .+ <[^@ >]+@[^@ >]+>  \\w{3}, \\d{2} \\w{3} \\d{4} [\\d:]{8} [+-]\\d{4}"),
                "trailer line with an RFC 2822 date: " + lines);
    }

    private static String gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A field's value (first line and continuation lines), or null. */
    private static String field(String paragraph, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": ?(.*(?:\n[ \t].*)*)").matcher(paragraph);
        return m.find() ? m.group(1) : null;
    }

    /** target/lib's jars and the CLI's own: what the launcher puts on the class path. */
    private static List<Path> builtJars() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> lib = Files.list(DebPackage.TARGET.resolve("lib"));
                Stream<Path> target = Files.list(DebPackage.TARGET)) {
            lib.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
            target.filter(p -> p.getFileName().toString().matches("ghost-cli-.*\\.jar")
                    && !p.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar"))
                    .forEach(jars::add);
        }
        assertTrue(jars.size() > 5, "the build's jars: " + jars);
        return jars;
    }

    /** Every text that a group of {@code p} matched in {@code text}. */
    private static Set<String> tokens(Pattern p, CharSequence text) {
        Set<String> found = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    found.add(m.group(g));
                }
            }
        }
        return found;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
