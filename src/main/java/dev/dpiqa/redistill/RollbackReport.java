package dev.dpiqa.redistill;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code distill --rollback} did.
 *
 * @param retired   the version taken out of service
 * @param retiredTo where its folder went (kept for inspection)
 * @param serving   the version serving now
 * @param announced whether running instances were told over {@code model-updates}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RollbackReport(String outcome, String retired, String retiredTo, String serving, boolean announced) {
}
