namespace RadEquity.Web.Features.Account;

/// <summary>Codes as people type them: authenticator apps show "123 456"; recovery codes are copied with spaces.</summary>
internal static class TwoFactorCodes
{
    public static string NormalizeAuthenticatorCode(string code) =>
        string.Concat(code.Where(c => !char.IsWhiteSpace(c) && c != '-'));

    /// <summary>Recovery codes keep their hyphen: it is part of the code.</summary>
    public static string NormalizeRecoveryCode(string code) =>
        string.Concat(code.Where(c => !char.IsWhiteSpace(c)));
}
