using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RadEquity.Web.Features.Hosting;

/// <summary>
/// The HTTPS certificate for <c>localhost</c> when none is configured: every cookie is Secure, so the app serves HTTPS
/// only, and a fresh machine with nothing but the .NET SDK has no development certificate. A self-signed one is made
/// on first start and kept beside the default store (browsers warn once; a server configures a real certificate).
/// </summary>
public static class LocalCertificate
{
    /// <summary>Uses the local certificate for HTTPS unless <c>Kestrel:Certificates:Default</c> names one.</summary>
    public static void UseLocalCertificateUnlessConfigured(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetSection("Kestrel:Certificates:Default").Exists())
        {
            return;
        }

        var path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "RadEquity", "localhost.pfx");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate ??= LoadOrCreate(path)));
    }

    /// <summary>The certificate at <paramref name="path"/>, made (valid for a year from today) when it is missing or expired.</summary>
    public static X509Certificate2 LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, null);
            if (existing.NotAfter > DateTime.Now.AddDays(7))
            {
                return existing;
            }

            existing.Dispose();
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new("1.3.6.1.5.5.7.3.1")], critical: false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = made.Export(X509ContentType.Pfx);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written whole then moved, so a killed start never leaves half a key file; readable by this user only.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, pfx);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
        return X509CertificateLoader.LoadPkcs12(pfx, null);
    }
}
