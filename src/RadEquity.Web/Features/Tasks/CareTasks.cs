using Microsoft.AspNetCore.Identity;
using MimeKit;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;


namespace RadEquity.Web.Features.Tasks;

/// <summary>What the task pages share: who can take a task, what each kind is called, and the clinician notice.</summary>
internal static class CareTasks
{
    public static string Title(string kind) => kind switch
    {
        CareTaskKind.NavigatorHandOff => "Hand-off to a navigator",
        CareTaskKind.FinancialCounselling => "Financial counselling",
        CareTaskKind.RadiologistConsult => "Radiologist telehealth results consult",
        CareTaskKind.ClinicianNotice => "Notice to the referring clinician",
        _ => kind,
    };

    /// <summary>The practice users who may be given a task: those who may see patient data.</summary>
    public static async Task<IReadOnlyList<RadEquityUser>> AssigneesAsync(UserManager<RadEquityUser> users)
    {
        var all = new Dictionary<string, RadEquityUser>(StringComparer.Ordinal);
        foreach (var role in Policies.RolesOf[Policies.PatientData])
        {
            foreach (var user in await users.GetUsersInRoleAsync(role).ConfigureAwait(false))
            {
                all.TryAdd(user.Id, user);
            }
        }

        return [.. all.Values.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// The notice to a referring clinician. E-mail is not a secure channel, so it carries no patient detail: only that a
    /// patient they referred has an overdue follow-up, and the task's reference to quote when they call the practice.
    /// </summary>
    public static MimeMessage ClinicianNotice(CareTaskRow task, string practice)
    {
        ArgumentNullException.ThrowIfNull(task);
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(task.ClinicianName ?? "", task.ClinicianEmail ?? throw new InvalidOperationException("A notice has no address.")));
        message.Subject = "A patient you referred has an overdue imaging follow-up";
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Dear {task.ClinicianName},

                A patient you referred to {practice} has a recommended imaging follow-up that is overdue. Our patient
                navigators are reaching out to the patient. Please call the practice and quote reference {Reference(task)}
                for the details; for the patient's privacy, this e-mail does not include them.

                {practice}
                """,
        };
        return message;
    }

    public static string Reference(CareTaskRow task) => "T-" + task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
