using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Reports.Model;

/// <summary>The viewer may not see this report (an Operator of another agency, ...); the message says why.</summary>
public sealed class ReportNotVisibleException(string message) : Exception(message);

/// <summary>The rendered report lacks a chart or table rows that its data has: it must not be sent.</summary>
public sealed class ReportIncompleteException(string message) : Exception(message);

/// <summary>Who may read which report, by role and scope (the rules of the dashboard's pages).</summary>
public static class ReportAccess
{
    /// <summary>
    /// The scope a recipient reads with: the scope an account of that role gets (an Operator: its agency; Admin,
    /// Pimpinan, Bappeda: every agency), acting as the recipient's address.
    /// </summary>
    public static ViewerScope ScopeOf(string role, int? agencyId, string actor = "system")
    {
        if (!PkRoles.All.Contains(role))
        {
            throw new ReportNotVisibleException($"Peran '{role}' tidak dikenal.");
        }

        var scope = ViewerScope.ForRole(role, agencyId, actor);
        return scope.AgencyId == ViewerScope.Nobody.AgencyId
            ? throw new ReportNotVisibleException($"{role} tanpa perangkat daerah tidak boleh melihat laporan apa pun.")
            : scope;
    }

    /// <summary>Null when the scope may see the report; otherwise why not (Bahasa Indonesia).</summary>
    public static string? Refusal(ReportRequest request, ViewerScope scope, string? agencyName = null, string? scopeAgencyName = null)
    {
        if (scope.SeesAll)
        {
            return null;
        }

        if (scope.AgencyId == ViewerScope.Nobody.AgencyId)
        {
            return "Penerima ini tidak berhak melihat data perangkat daerah mana pun.";
        }

        if (request.Kind == ReportKind.Kabupaten)
        {
            return $"Laporan Kabupaten memuat semua perangkat daerah; penerima ini hanya boleh melihat {scopeAgencyName ?? $"perangkat daerah {scope.AgencyId}"}.";
        }

        return request.AgencyId == scope.AgencyId
            ? null
            : $"Laporan OPD {agencyName ?? $"perangkat daerah {request.AgencyId}"} bukan perangkat daerah penerima ini " +
              $"({scopeAgencyName ?? $"perangkat daerah {scope.AgencyId}"}).";
    }
}
