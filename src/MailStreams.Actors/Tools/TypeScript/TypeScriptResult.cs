namespace MailStreams.Tools.TypeScript;

/// <summary>What a TypeScript build produced: its errors (<c>file(line,col): error TSxxxx: …</c>), none when it passed.</summary>
internal sealed record TypeScriptResult(IReadOnlyList<string> Errors, TimeSpan Elapsed)
{
    public bool Succeeded => Errors.Count == 0;
}
