import { describe, expect, it } from 'vitest';

import { findPersonalData } from './personal-data-finder';

const found = (text: string): Array<[string, string, string]> =>
  findPersonalData(text).map((span) => [span.kind, text.slice(span.start, span.end), span.masked]);

describe('findPersonalData', () => {
  it('should find French and international phone numbers, masked but for two digits at each end', () => {
    expect(found('Appelle le 06 12 34 56 12.')).toEqual([['phone', '06 12 34 56 12', '06 •• •• •• 12']]);
    expect(found('ou le 0612345612 ou le 06.12.34.56.12')).toEqual([
      ['phone', '0612345612', '06••••••12'],
      ['phone', '06.12.34.56.12', '06.••.••.••.12'],
    ]);
    expect(
      found('+33 6 12 34 56 78, +33 (0)6 12 34 56 78, 0033 6 12 34 56 78').map(([kind]) => kind),
    ).toEqual(['phone', 'phone', 'phone']);
    expect(found('Call +44 20 7946 0958 or (555) 123-4567.')).toEqual([
      ['phone', '+44 20 7946 0958', '+44 •• •••• ••58'],
      ['phone', '(555) 123-4567', '(55•) •••-••67'],
    ]);
  });

  it('should leave years, counts and short numbers alone', () => {
    expect(found('En 1998, 2003 et 2010, il compta 1000000 étoiles et 42 moutons, page 12 34.')).toEqual([]);
  });

  it('should find email addresses, showing only their first letters and ending', () => {
    expect(found('Écris à lea.martin+contes@example.fr !')).toEqual([
      ['email', 'lea.martin+contes@example.fr', 'l•••@e•••.fr'],
    ]);
    expect(found('the @ sign and me@ and @home')).toEqual([]);
  });

  it('should find street addresses, French and English, the number and name masked', () => {
    expect(found("J'habite au 12 rue des Lilas.")).toEqual([
      ['address', '12 rue des Lilas', '•• rue des L••••'],
    ]);
    expect(found('3 bis avenue Jean Jaurès, 4 place de la Mairie')).toEqual([
      ['address', '3 bis avenue Jean Jaurès', '• bis avenue J••• J•••••'],
      ['address', '4 place de la Mairie', '• place de la M•••••'],
    ]);
    expect(found('We live at 12 Main Street. And 221B Baker St, London.')).toEqual([
      ['address', '12 Main Street', '•• M••• Street'],
      ['address', '221B Baker St', '•••• B•••• St'],
    ]);
  });

  it('should not take everyday numbers before "place" or "cours" for an address', () => {
    expect(found('Il reste 3 places. Elle a 1 cours de piano et 2 rues à traverser.')).toEqual([]);
  });

  it('should find French social security numbers with a valid key, or in their spaced layout', () => {
    expect(found('Sécu : 1 85 05 78 006 084 91.')).toEqual([
      ['social-security-number', '1 85 05 78 006 084 91', '• •• •• •• ••• ••• 91'],
    ]);
    expect(found('185057800608491')).toEqual([
      ['social-security-number', '185057800608491', '•••••••••••••91'],
    ]);
    // A wrong key: a long number, not an NIR.
    expect(found('185057800608436')).toEqual([]);
  });

  it('should find IBANs that pass their checksum, and nothing that merely looks like one', () => {
    expect(found('IBAN FR76 3000 6000 0112 3456 7890 189 merci')).toEqual([
      ['iban', 'FR76 3000 6000 0112 3456 7890 189', 'FR76 •••• •••• •••• •••• •••• •89'],
    ]);
    expect(found('GB82WEST12345698765432')).toEqual([
      ['iban', 'GB82WEST12345698765432', 'GB82••••••••••••••••32'],
    ]);
    expect(found('FR77 3000 6000 0112 3456 7890 189')).toEqual([]);
  });

  it('should find a date of birth next to a birth word or a full name, keeping only its year', () => {
    expect(found('Je suis née le 3 mars 2016.')).toEqual([
      ['date-of-birth', 'née le 3 mars 2016', 'née le • •••• 2016'],
    ]);
    expect(found('Born on March 3rd, 2015 in Leeds.')).toEqual([
      ['date-of-birth', 'Born on March 3rd, 2015', 'Born on ••••• •••, 2015'],
    ]);
    expect(found('Léa Martin, 12/03/2015, aime les chats.')).toEqual([
      ['date-of-birth', 'Léa Martin, 12/03/2015', 'L•• M•••••, ••/••/2015'],
    ]);
    expect(found('date de naissance : 2015-03-12')).toEqual([
      ['date-of-birth', 'date de naissance : 2015-03-12', 'date de naissance : 2015-••-••'],
    ]);
  });

  it('should leave dates of history and dates without a birth alone', () => {
    expect(found('Victor Hugo, né le 26 février 1802, écrivait la nuit.')).toEqual([]);
    expect(found('Le 3 mars 2016, il neigea sur le village.')).toEqual([]);
  });

  it('should find "my name is" followed by a full name, not a first name or a character', () => {
    expect(found("Je m'appelle Léa Martin.")).toEqual([
      ['full-name', "Je m'appelle Léa Martin", "Je m'appelle L•• M•••••"],
    ]);
    expect(found('Hi, my name is Tom Baker!')).toEqual([
      ['full-name', 'my name is Tom Baker', 'my name is T•• B••••'],
    ]);
    expect(found("Je m'appelle Léa. Je m'appelle Petit Ours Brun. My name is Captain Hook.")).toEqual([]);
  });

  it('should find named schools, not a school in general nor an invented one', () => {
    expect(found("Je vais à l'école Jules Ferry et au collège Sainte-Marie.")).toEqual([
      ['school', 'école Jules Ferry', 'école J•••• F••••'],
      ['school', 'collège Sainte-Marie', 'collège S•••••-M••••'],
    ]);
    expect(found('I go to Brookfield Primary School.')).toEqual([
      ['school', 'Brookfield Primary School', 'B••••••••• Primary School'],
    ]);
    expect(
      found("Elle allait à l'école en chantant. L'école de magie. Ember started at Hilltop School."),
    ).toEqual([]);
  });

  it('should report overlapping finds once, as the stronger kind', () => {
    expect(found('FR76 3000 6000 0112 3456 7890 189').map(([kind]) => kind)).toEqual(['iban']);
  });
});
