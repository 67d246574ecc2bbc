namespace Paperboy.Hosting;

/// <summary>Process exit codes of the command line, documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command failed; nothing it would have written was half-written.</summary>
    public const int Error = 1;

    /// <summary>The command line itself was wrong: an unknown command or option, an option's value of the wrong type or out of range.</summary>
    public const int Usage = 2;

    /// <summary>The command did its work but skipped some bad input, which it reported.</summary>
    public const int Partial = 3;
}
