using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data;

/// <summary>Who does what through a context: recorded in the audit log with every change it saves.</summary>
public sealed record AuditContext(string Actor, int? AgencyId = null, string? Address = null);

/// <summary>
/// Turns the tracked changes of realisation, settings and accounts into audit rows (old and new value), added to
/// the same SaveChanges, so a change and its record commit together. Secrets (password hashes, stamps, keys) are
/// never written; a new password is recorded as the fact that it changed.
/// </summary>
internal static class AuditTrail
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>
    /// Adds the audit rows for what the tracker would save; returns how many audit rows will be written in all (also
    /// those added by hand), so SaveChanges can report the rows of data it wrote.
    /// </summary>
    public static int Record(ChangeTracker tracker, AuditContext? context)
    {
        var actor = context?.Actor ?? "system";
        var explicitRows = tracker.Entries<AuditEntry>().Count(e => e.State == EntityState.Added);
        var entries = new List<AuditEntry>();
        foreach (var entry in tracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var described = Describe(entry);
            if (described is not { } d)
            {
                continue;
            }

            var (oldValue, newValue) = entry.State switch
            {
                EntityState.Added => (null, d.Value(entry.CurrentValues)),
                EntityState.Deleted => (d.Value(entry.OriginalValues), null),
                _ => (d.Value(entry.OriginalValues), d.Value(entry.CurrentValues)),
            };
            if (entry.State == EntityState.Modified && oldValue == newValue)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                At = DateTime.UtcNow, Actor = actor, Kind = d.Kind, AgencyId = d.AgencyId ?? context?.AgencyId,
                Subject = d.Subject, OldValue = oldValue, NewValue = newValue, Address = context?.Address,
            });
        }

        tracker.Context.Set<AuditEntry>().AddRange(entries);
        return explicitRows + entries.Count;
    }

    private sealed record Description(string Kind, string Subject, int? AgencyId, Func<PropertyValues, string?> Value);

    private static Description? Describe(EntityEntry entry) => entry.Entity switch
    {
        IndicatorRealisation r => new(AuditKinds.Realisation,
            $"Realisasi indikator {r.IndicatorId}, {r.Year} TW {Roman(r.Quarter)}", null,
            v => Number(v[nameof(IndicatorRealisation.Value)]) + (v[nameof(IndicatorRealisation.Note)] is string note ? $" (catatan: {note})" : "")),
        BudgetRealisation b => new(AuditKinds.Realisation,
            $"Realisasi anggaran program {b.ProgramId}, {b.Month:D2}/{b.Year}", b.AgencyId,
            v => "Rp " + Number(v[nameof(BudgetRealisation.Amount)])),
        SakipEvaluationRow s => new(AuditKinds.Realisation, $"Evaluasi SAKIP {s.Year}", s.AgencyId,
            v => string.Join(" + ", new[] { nameof(s.Perencanaan), nameof(s.Pengukuran), nameof(s.Pelaporan), nameof(s.Evaluasi) }.Select(p => Number(v[p])))),
        IkmSurvey k => new(AuditKinds.Realisation,
            $"Survei IKM {(k.UnitName.Length > 0 ? k.UnitName + " " : "")}{k.Year}{(k.Quarter is { } q ? " TW " + Roman(q) : "")}", k.AgencyId,
            v => $"IKM {Number(v[nameof(IkmSurvey.IkmValue)])}" + (v[nameof(IkmSurvey.Respondents)] is int n ? $", {n} responden" : "")),
        Indicator i => new(AuditKinds.Settings, $"Pengaturan indikator {i.IndicatorId} ({i.Name})", i.AgencyId,
            v => $"polaritas {v[nameof(Indicator.Polarity)]}, agregasi {v[nameof(Indicator.Aggregation)]}, kategori {v[nameof(Indicator.Category)]}"),
        CapaianBandRow band => new(AuditKinds.Settings,
            $"Pita capaian berlaku {band.EffectiveFrom.ToString("d MMMM yyyy", Id)}: {band.Name}", null,
            v => v[nameof(CapaianBandRow.MinInclusive)] is decimal min ? ">= " + Number(min) : "batas bawah terbuka"),
        ClassificationOverride o => new(AuditKinds.Settings, $"Klasifikasi indikator '{o.NormalizedName}'", o.AgencyId,
            v => $"kategori {v[nameof(ClassificationOverride.Category)] ?? "-"}, polaritas {v[nameof(ClassificationOverride.Polarity)] ?? "-"}, agregasi {v[nameof(ClassificationOverride.Aggregation)] ?? "-"}"),
        RolePolicy p => new(AuditKinds.Settings, $"Kebijakan peran {p.RoleName}", null,
            v => (bool)v[nameof(RolePolicy.RequireTwoFactor)]! ? "wajib verifikasi dua langkah" : "verifikasi dua langkah opsional"),
        PkUser u => new(AuditKinds.Account, $"Akun {u.Email}", u.AgencyId, v => Account(entry, v)),
        IdentityUserRole<string> ur => new(AuditKinds.Account, $"Peran akun {ur.UserId}", null, v => $"peran {RoleName(entry, (string)v[nameof(IdentityUserRole<string>.RoleId)]!)}"),
        _ => null,
    };

    // The account's visible settings; the password appears only as "changed" (its hash differs).
    private static string Account(EntityEntry entry, PropertyValues v)
    {
        var parts = new List<string>
        {
            $"nama {v[nameof(PkUser.FullName)]}",
            $"e-mail {v[nameof(PkUser.Email)]}",
            $"perangkat daerah {v[nameof(PkUser.AgencyId)] ?? "-"}",
            (bool)v[nameof(PkUser.IsDisabled)]! ? "nonaktif" : "aktif",
            (bool)v[nameof(PkUser.TwoFactorEnabled)]! ? "2FA aktif" : "2FA tidak aktif",
        };
        if (v[nameof(PkUser.LockoutEnd)] is DateTimeOffset until && until > DateTimeOffset.UtcNow)
        {
            parts.Add("terkunci");
        }

        if (entry.State == EntityState.Modified && ReferenceEquals(v, entry.CurrentValues) &&
            entry.Property(nameof(PkUser.PasswordHash)).IsModified &&
            !Equals(entry.Property(nameof(PkUser.PasswordHash)).OriginalValue, entry.Property(nameof(PkUser.PasswordHash)).CurrentValue))
        {
            parts.Add("kata sandi diganti");
        }

        return string.Join(", ", parts);
    }

    private static string RoleName(EntityEntry entry, string roleId) =>
        entry.Context.Set<IdentityRole>().Local.FirstOrDefault(r => r.Id == roleId)?.Name
        ?? entry.Context.Set<IdentityRole>().AsNoTracking().Where(r => r.Id == roleId).Select(r => r.Name).FirstOrDefault()
        ?? roleId;

    private static string Number(object? value) => value switch
    {
        decimal d => d.ToString("#,0.####", Id),
        null => "-",
        _ => Convert.ToString(value, Id) ?? "-",
    };

    private static string Roman(int quarter) => quarter switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => quarter.ToString(Id) };
}
