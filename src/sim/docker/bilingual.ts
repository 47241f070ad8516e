/** A text in English and Chinese (the sim keeps its own copy of the shape so it imports nothing from src/shell). */
export interface Bilingual {
  en: string;
  zh: string;
}
