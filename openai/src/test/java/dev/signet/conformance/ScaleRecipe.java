package dev.signet.conformance;

import dev.signet.annotation.InputField;
import dev.signet.annotation.OutputField;
import dev.signet.annotation.Signature;
import dev.signet.conformance.CorpusTypes.Ingredient;
import java.util.List;

/** The twin of the corpus signature {@code ScaleRecipe}. */
@Signature("Scale a recipe to a new number of servings.\nConvert to metric units when `metric` is True.")
public interface ScaleRecipe {
    Result run(@InputField(desc = "the recipe as written:\ningredients first, then the steps") String recipe,
            @InputField(desc = "servings the recipe makes now") int servings,
            @InputField(desc = "multiply every quantity by this") double factor,
            @InputField boolean metric);

    /** The outputs. */
    record Result(
            @OutputField(desc = "the scaled ingredients,\nin the recipe's order") List<Ingredient> ingredients,
            @OutputField(desc = "total time, in minutes") int totalMinutes) {}
}
