using Jint;
using Jint.Runtime.Modules;
using MailStreams.Tools;

namespace MailStreams.Actors.Tests.Tools;

public sealed class ToolModuleLoaderTests
{
    private readonly ToolModuleLoader _loader = new(new[] { "index.js", "b.js", "lib/c.js", "lib/deeper/d.js" }
        .ToDictionary(key => key, key => Engine.PrepareModule("export const x = 1;", key)));

    [Theory]
    [InlineData("index.js", "./b", "b.js")]
    [InlineData("index.js", "./b.js", "b.js")]
    [InlineData("index.js", "./lib/c", "lib/c.js")]
    [InlineData("lib/c.js", "../b", "b.js")]
    [InlineData("lib/c.js", "./deeper/d", "lib/deeper/d.js")]
    [InlineData("lib/deeper/d.js", "../../index.js", "index.js")]
    [InlineData(null, "index.js", "index.js")]
    [InlineData(null, "lib/c", "lib/c.js")]
    public void Resolves_relative_specifiers_within_the_folder(string? referrer, string specifier, string key) =>
        Assert.Equal(key, _loader.ResolveKey(referrer, specifier));

    [Theory]
    [InlineData("index.js", "../b", "leaves the tools folder")]
    [InlineData("lib/c.js", "../../b", "leaves the tools folder")]
    [InlineData(null, "../index.js", "leaves the tools folder")]
    [InlineData("index.js", "b", "only relative imports")]
    [InlineData("index.js", "/b.js", "only relative imports")]
    [InlineData("index.js", "https://example.com/b.js", "only relative imports")]
    [InlineData("index.js", "./lib\\c", "'/' separators")]
    [InlineData("index.js", "./lib", "no file 'lib.js'")]
    [InlineData("index.js", "./", "names a folder")]
    [InlineData("index.js", "./b.json", "no file 'b.json'")]
    public void Refuses_everything_else(string? referrer, string specifier, string problem)
    {
        var error = Assert.Throws<ModuleResolutionException>(() => _loader.ResolveKey(referrer, specifier));
        Assert.Contains(problem, error.Message);
    }
}
