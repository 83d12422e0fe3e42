using MailStreams.Testing;
using MailStreams.Tools;

namespace MailStreams.Actors.Tests.Tools;

public sealed class ToolPackageTests
{
    [Fact]
    public async Task Loads_the_repository_tools_folder()
    {
        var package = await ToolFolders.LoadRepositoryTools();
        Assert.Contains("reverser", package.ToolNames);
        Assert.Equal("index.js", package.EntryFile);
        Assert.Matches("^[0-9a-f]{12}$", package.Version);
        Assert.NotEmpty(package.Tests);
    }

    [Fact]
    public async Task Only_exported_functions_are_tools()
    {
        using var dir = new TempDirectory();
        var package = await ToolFolders.LoadIndex(dir, """
            export const b = () => 1;
            export function a() { return 2; }
            export const count = 5;
            export const settings = { x: 1 };
            export const $TESTS = [];
            """);
        Assert.Equal(["a", "b"], package.ToolNames);
        Assert.True(package.HasTool("a"));
        Assert.False(package.HasTool("count"));
        Assert.Empty(package.Tests);
    }

    [Fact]
    public async Task Files_import_each_other_by_relative_path_without_extension()
    {
        using var dir = new TempDirectory();
        ToolFolders.Write(dir,
            ("index.js", "import { shout } from './lib/text';\nexport const loud = (email) => shout(email.text);"),
            ("lib/text.js", "import { mark } from '../marks.js';\nexport const shout = (s) => s.toUpperCase() + mark;"),
            ("marks.js", "export const mark = '!';"));
        var package = await ToolPackage.LoadAsync(dir.Path, ToolFolders.FastLimits);
        Directory.Delete(dir.Path, recursive: true); // loaded once: calls no longer read the disk

        var outcome = await new ToolInvoker(ToolFolders.FastLimits).InvokeAsync(package, "loud", ToolFolders.Email("hey"), default);
        Assert.Equal("HEY!", Assert.IsType<ToolOutcome.Replied>(outcome).Reply.Text);
    }

    [Theory]
    [InlineData("import { x } from '../outside';", "leaves the tools folder")]
    [InlineData("import { x } from './sub/../../outside.js';", "leaves the tools folder")]
    [InlineData("import _ from 'lodash';", "only relative imports")]
    [InlineData("import { x } from '/etc/passwd';", "only relative imports")]
    [InlineData("import { x } from './missing';", "no file 'missing.js'")]
    public async Task An_import_outside_the_folder_or_of_a_missing_file_fails_the_load(string import, string problem)
    {
        using var dir = new TempDirectory();
        ToolFolders.Write(dir, ("outside.js", "export const x = 1;"), ("tools/sub/keep.js", "export const k = 1;"),
            ("tools/index.js", import + "\nexport const t = () => x;"));
        var error = await Assert.ThrowsAsync<ToolLoadException>(() => ToolPackage.LoadAsync(Path.Combine(dir.Path, "tools"), ToolFolders.FastLimits));
        Assert.Contains(problem, error.Message);
        Assert.Contains("index.js", error.Message);
    }

    [Fact]
    public async Task A_syntax_error_names_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var error = await Assert.ThrowsAsync<ToolLoadException>(() => ToolFolders.LoadIndex(dir, "export const a = () => 1;\n\nexport const b = (x => ;\n"));
        Assert.Equal("index.js", error.File);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("syntax error in index.js at line 3, column ", error.Message);
    }

    [Fact]
    public async Task A_syntax_error_in_an_imported_file_names_that_file()
    {
        using var dir = new TempDirectory();
        ToolFolders.Write(dir, ("index.js", "export { f } from './lib/f';"), ("lib/f.js", "export const f = () => {\n  return 1 +;\n};"));
        var error = await Assert.ThrowsAsync<ToolLoadException>(() => ToolPackage.LoadAsync(dir.Path, ToolFolders.FastLimits));
        Assert.Equal("lib/f.js", error.File);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task Hidden_folders_and_node_modules_are_not_read()
    {
        using var dir = new TempDirectory();
        ToolFolders.Write(dir, ("index.js", "export const t = () => 'ok';"), ("node_modules/x/broken.js", "this is ( not js"),
            (".git/hooks/broken.js", "neither )"));
        Assert.Equal(["t"], (await ToolPackage.LoadAsync(dir.Path, ToolFolders.FastLimits)).ToolNames);
    }

    [Fact]
    public async Task A_missing_entry_file_or_folder_fails_the_load()
    {
        using var dir = new TempDirectory();
        ToolFolders.Write(dir, ("other.js", "export const t = () => 1;"));
        var missingEntry = await Assert.ThrowsAsync<ToolLoadException>(() => ToolPackage.LoadAsync(dir.Path));
        Assert.Contains("entry file 'index.js' not found", missingEntry.Message);
        var missingFolder = await Assert.ThrowsAsync<ToolLoadException>(() => ToolPackage.LoadAsync(dir.File("nowhere")));
        Assert.Contains("does not exist", missingFolder.Message);
    }

    [Theory]
    [InlineData("main.js")]
    [InlineData("main")]
    public async Task The_entry_file_can_be_named(string entry)
    {
        using var dir = new TempDirectory();
        ToolFolders.Write(dir, ("main.js", "export const t = () => 1;"));
        var package = await ToolPackage.LoadAsync(dir.Path, ToolFolders.FastLimits, entry);
        Assert.Equal("main.js", package.EntryFile);
        Assert.Equal(["t"], package.ToolNames);
    }

    [Theory]
    [InlineData("throw new Error('broken at load');\nexport const t = () => 1;", "Error: broken at load")]
    [InlineData("while (true) {}\nexport const t = () => 1;", "statements")]
    [InlineData("export const $TESTS = { stream: 't' };\nexport const t = () => 1;", "$TESTS must be an array")]
    [InlineData("export const $TESTS = [{ stream: 'inbox/t', input: 'a' }];\nexport const t = () => 1;", "$TESTS[0] needs 'expected'")]
    [InlineData("export const $TESTS = [{ input: 'a', expected: null }];\nexport const t = () => 1;", "$TESTS[0] needs 'stream'")]
    [InlineData("export const $TESTS = [{ stream: 't', input: 3, expected: null }];\nexport const t = () => 1;", "$TESTS[0] needs 'input'")]
    public async Task Top_level_failures_and_malformed_tests_fail_the_load(string source, string problem)
    {
        using var dir = new TempDirectory();
        var error = await Assert.ThrowsAsync<ToolLoadException>(() => ToolFolders.LoadIndex(dir, source));
        Assert.Contains(problem, error.Message);
        Assert.Contains("index.js", error.Message);
    }

    [Fact]
    public async Task The_version_changes_exactly_when_a_file_changes()
    {
        using var dir = new TempDirectory();
        ToolFolders.Write(dir, ("index.js", "export { t } from './t.js';"), ("t.js", "export const t = () => 1;"));
        var first = (await ToolPackage.LoadAsync(dir.Path)).Version;
        var again = (await ToolPackage.LoadAsync(dir.Path)).Version;
        ToolFolders.Write(dir, ("t.js", "export const t = () => 2;"));
        var changed = (await ToolPackage.LoadAsync(dir.Path)).Version;

        Assert.Equal(first, again);
        Assert.NotEqual(first, changed);
    }
}
