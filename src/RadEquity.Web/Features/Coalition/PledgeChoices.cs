namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// The pledge form's fixed lists, as stored codes. Labels come from <see cref="CoalitionText"/> (key <c>Role_code</c>,
/// <c>Setting_code</c>, <c>Action_code</c>), so a code never changes when a label is reworded or translated.
/// </summary>
internal static class PledgeChoices
{
    public static readonly IReadOnlyList<string> Roles =
        ["radiologist", "technologist", "administrator", "navigator", "referrer", "researcher", "patient", "other"];

    public static readonly IReadOnlyList<string> Settings =
        ["academic", "community-hospital", "private-practice", "fqhc", "rural-clinic", "mobile", "other"];

    /// <summary>The actions one can commit to, in the form's order; codes contain no space (see <c>PledgeRow.Actions</c>).</summary>
    public static readonly IReadOnlyList<string> Actions =
        ["measure", "hours", "estimates", "language", "telehealth", "coverage", "other"];

    /// <summary>The 50 states and the District of Columbia, by USPS code.</summary>
    public static readonly IReadOnlyDictionary<string, string> States = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["AL"] = "Alabama",
        ["AK"] = "Alaska",
        ["AZ"] = "Arizona",
        ["AR"] = "Arkansas",
        ["CA"] = "California",
        ["CO"] = "Colorado",
        ["CT"] = "Connecticut",
        ["DE"] = "Delaware",
        ["DC"] = "District of Columbia",
        ["FL"] = "Florida",
        ["GA"] = "Georgia",
        ["HI"] = "Hawaii",
        ["ID"] = "Idaho",
        ["IL"] = "Illinois",
        ["IN"] = "Indiana",
        ["IA"] = "Iowa",
        ["KS"] = "Kansas",
        ["KY"] = "Kentucky",
        ["LA"] = "Louisiana",
        ["ME"] = "Maine",
        ["MD"] = "Maryland",
        ["MA"] = "Massachusetts",
        ["MI"] = "Michigan",
        ["MN"] = "Minnesota",
        ["MS"] = "Mississippi",
        ["MO"] = "Missouri",
        ["MT"] = "Montana",
        ["NE"] = "Nebraska",
        ["NV"] = "Nevada",
        ["NH"] = "New Hampshire",
        ["NJ"] = "New Jersey",
        ["NM"] = "New Mexico",
        ["NY"] = "New York",
        ["NC"] = "North Carolina",
        ["ND"] = "North Dakota",
        ["OH"] = "Ohio",
        ["OK"] = "Oklahoma",
        ["OR"] = "Oregon",
        ["PA"] = "Pennsylvania",
        ["RI"] = "Rhode Island",
        ["SC"] = "South Carolina",
        ["SD"] = "South Dakota",
        ["TN"] = "Tennessee",
        ["TX"] = "Texas",
        ["UT"] = "Utah",
        ["VT"] = "Vermont",
        ["VA"] = "Virginia",
        ["WA"] = "Washington",
        ["WV"] = "West Virginia",
        ["WI"] = "Wisconsin",
        ["WY"] = "Wyoming",
    };
}
