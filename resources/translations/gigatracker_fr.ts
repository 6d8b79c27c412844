<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AccountActions</name>
    <message>
        <source>New &amp;Account…</source>
        <translation>Nouveau &amp;compte…</translation>
    </message>
    <message>
        <source>&amp;Edit Account…</source>
        <translation>&amp;Modifier un compte…</translation>
    </message>
    <message>
        <source>&amp;Delete Account…</source>
        <translation>&amp;Supprimer un compte…</translation>
    </message>
    <message>
        <source>Create an account first: every transaction belongs to one.</source>
        <translation>Créez d’abord un compte : chaque opération appartient à un compte.</translation>
    </message>
    <message>
        <source>Account %1 added to %2.</source>
        <translation>Compte %1 ajouté à %2.</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>Modifier un compte</translation>
    </message>
    <message>
        <source>Account %1 saved.</source>
        <translation>Compte %1 enregistré.</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>Supprimer un compte</translation>
    </message>
    <message>
        <source>Delete the account %1?</source>
        <translation>Supprimer le compte %1 ?</translation>
    </message>
    <message>
        <source>Account %1 deleted.</source>
        <translation>Compte %1 supprimé.</translation>
    </message>
    <message>
        <source>This book has no account yet.</source>
        <translation>Ce registre n’a encore aucun compte.</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte :</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Edit account %1</source>
        <translation>Modifier le compte %1</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>My portfolio</source>
        <translation>Mon portefeuille</translation>
    </message>
    <message>
        <source>e.g. PEA, CTO Boursorama, IBKR</source>
        <translation>ex. PEA, CTO Boursorama, IBKR</translation>
    </message>
    <message>
        <source>First in, first out (FIFO)</source>
        <translation>Premier entré, premier sorti (FIFO)</translation>
    </message>
    <message>
        <source>Average cost (PRU)</source>
        <translation>Prix de revient unitaire moyen (PRU)</translation>
    </message>
    <message>
        <source>Allows short selling (a sale of more than is held goes short)</source>
        <translation>Autorise la vente à découvert (vendre plus que détenu ouvre une position courte)</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Nom du compte</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Cost of sales</source>
        <translation>Calcul du prix de revient</translation>
    </message>
    <message>
        <source>Give the account a name and a portfolio.</source>
        <translation>Donnez un nom et un portefeuille au compte.</translation>
    </message>
    <message>
        <source>An account named %1 already exists.</source>
        <translation>Un compte nommé %1 existe déjà.</translation>
    </message>
</context>
<context>
    <name>AssignThemesDialog</name>
    <message>
        <source>Themes of %1</source>
        <translation>Thèmes de %1</translation>
    </message>
</context>
<context>
    <name>BookActions</name>
    <message>
        <source>&amp;New Book…</source>
        <translation>&amp;Nouveau registre…</translation>
    </message>
    <message>
        <source>&amp;Open Book…</source>
        <translation>&amp;Ouvrir un registre…</translation>
    </message>
    <message>
        <source>Import a &amp;Book File…</source>
        <translation>Importer un fichier de re&amp;gistre…</translation>
    </message>
    <message>
        <source>&amp;Back Up Book…</source>
        <translation>&amp;Sauvegarder le registre…</translation>
    </message>
    <message>
        <source>Open Book</source>
        <translation>Ouvrir un registre</translation>
    </message>
    <message>
        <source>GigaTracker books (*.gtbook);;All files (*)</source>
        <translation>Registres GigaTracker (*.gtbook);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import a book file</source>
        <translation>Importer un fichier de registre</translation>
    </message>
    <message>
        <source>Book files (*.json)</source>
        <translation>Fichiers de registre (*.json)</translation>
    </message>
    <message>
        <source>New book</source>
        <translation>Nouveau registre</translation>
    </message>
    <message>
        <source>GigaTracker books (*.gtbook)</source>
        <translation>Registres GigaTracker (*.gtbook)</translation>
    </message>
    <message>
        <source>Back Up Book</source>
        <translation>Sauvegarder le registre</translation>
    </message>
    <message>
        <source>%1 is a shared book: its database server backs it up (pg_dump, see docs/team.md).</source>
        <translation>%1 est un registre partagé : son serveur de base de données le sauvegarde (pg_dump, voir docs/team.md).</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>Sauvegardé dans %1</translation>
    </message>
    <message>
        <source>Cannot open the book</source>
        <translation>Impossible d&apos;ouvrir le registre</translation>
    </message>
    <message>
        <source>%1 could not be opened:

%2</source>
        <translation>%1 n&apos;a pas pu être ouvert :

%2</translation>
    </message>
    <message>
        <source>Book tidied</source>
        <translation>Livre rangé</translation>
    </message>
    <message>
        <source>While opening %1, GigaTracker tidied the files beside it:</source>
        <translation>En ouvrant %1, GigaTracker a rangé les fichiers posés à côté :</translation>
    </message>
</context>
<context>
    <name>BookSecurity</name>
    <message>
        <source>&amp;Encrypt Book…</source>
        <translation>&amp;Chiffrer le registre…</translation>
    </message>
    <message>
        <source>Change &amp;Passphrase…</source>
        <translation>Changer la &amp;phrase secrète…</translation>
    </message>
    <message>
        <source>&amp;Lock Now</source>
        <translation>&amp;Verrouiller maintenant</translation>
    </message>
    <message>
        <source>Wrong passphrase; try again.</source>
        <translation>Phrase secrète incorrecte ; réessayez.</translation>
    </message>
    <message>
        <source>Opening %1 …</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <source>%1 is a shared book: its database server guards it (logins, TLS) and backs it up (pg_dump). A passphrase is for a book file.</source>
        <translation>%1 est un registre partagé : son serveur de base de données le protège (identifiants, TLS) et le sauvegarde (pg_dump). La phrase secrète est pour un registre en fichier.</translation>
    </message>
    <message>
        <source>Encrypt Book</source>
        <translation>Chiffrer le registre</translation>
    </message>
    <message>
        <source>%1 is encrypted. The book as it was is kept in %2, encrypted with the same passphrase: delete it once you have checked the book.</source>
        <translation>%1 est chiffré. Le registre tel qu&apos;il était est conservé dans %2, chiffré avec la même phrase secrète : supprimez-le une fois le registre vérifié.</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Changer la phrase secrète</translation>
    </message>
    <message>
        <source>Wrong passphrase.</source>
        <translation>Phrase secrète incorrecte.</translation>
    </message>
    <message>
        <source>The passphrase of %1 is changed. The book under its old passphrase is kept in %2: delete it once you have checked the book.</source>
        <translation>La phrase secrète de %1 est changée. Le registre sous l’ancienne phrase secrète est conservé dans %2 : supprimez-le après avoir vérifié le registre.</translation>
    </message>
</context>
<context>
    <name>ChangeSymbolDialog</name>
    <message>
        <source>Change symbol of %1</source>
        <translation>Changer le symbole de %1</translation>
    </message>
    <message>
        <source>Find on Yahoo</source>
        <translation>Chercher sur Yahoo</translation>
    </message>
    <message>
        <source>Your transactions, themes, prices and rules follow the new symbol; if the book already has it, the two are merged.</source>
        <translation>Vos opérations, thèmes, cours et règles suivent le nouveau symbole ; si le registre l’a déjà, les deux sont fusionnés.</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>New symbol</source>
        <translation>Nouveau symbole</translation>
    </message>
    <message>
        <source>Searching Yahoo…</source>
        <translation>Recherche sur Yahoo…</translation>
    </message>
    <message>
        <source>%1 listing found: pick it if you trade it.</source>
        <translation>%1 cotation trouvée : choisissez-la si c’est celle que vous négociez.</translation>
    </message>
    <message>
        <source>%1 listings found: pick the one you trade.</source>
        <translation>%1 cotations trouvées : choisissez celle que vous négociez.</translation>
    </message>
    <message>
        <source>Yahoo found nothing: type the symbol yourself.</source>
        <translation>Yahoo n’a rien trouvé : saisissez le symbole vous-même.</translation>
    </message>
    <message>
        <source>Type a symbol, or pick a listing.</source>
        <translation>Saisissez un symbole ou choisissez une cotation.</translation>
    </message>
    <message>
        <source>%1 is not a symbol: letters, digits, spaces and . - = ^ &amp; : / only.</source>
        <translation>%1 n’est pas un symbole : lettres, chiffres, espaces et . - = ^ &amp; : / seulement.</translation>
    </message>
    <message>
        <source>That is already its symbol.</source>
        <translation>C’est déjà son symbole.</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Skip rows of a kind GigaTracker does not know (they are listed) and import the rest</source>
        <translation>Ignorer les lignes d’un type que GigaTracker ne connaît pas (elles sont listées) et importer le reste</translation>
    </message>
    <message>
        <source>The file sells shares it never bought: it starts after they were bought. Next: give what was held before its first row.</source>
        <translation>Le fichier vend des titres qu’il n’a jamais achetés : il commence après leur achat. Suivant : indiquez ce qui était détenu avant sa première ligne.</translation>
    </message>
</context>
<context>
    <name>CheckView</name>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>De</translation>
    </message>
    <message>
        <source>The file says</source>
        <translation>Selon le fichier</translation>
    </message>
    <message>
        <source>The book has</source>
        <translation>Dans le livre</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>Likely cause</source>
        <translation>Cause probable</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Vérification de chaque ligne…</translation>
    </message>
    <message>
        <source>%1 rows: %2 to add, %3 already imported.</source>
        <translation>%1 lignes : %2 à ajouter, %3 déjà importées.</translation>
    </message>
    <message>
        <source>%1 lines not imported (listed below).</source>
        <translation>%1 lignes non importées (voir la liste).</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>ligne %1 : %2</translation>
    </message>
    <message>
        <source>The file states no balances or figures of its own to check the book against.</source>
        <translation>Le fichier n’indique ni soldes ni chiffres propres auxquels comparer le livre.</translation>
    </message>
    <message>
        <source>trade</source>
        <translation>opération</translation>
    </message>
    <message>
        <source>trades</source>
        <translation>opérations</translation>
    </message>
    <message>
        <source>position</source>
        <translation>position</translation>
    </message>
    <message>
        <source>positions</source>
        <translation>positions</translation>
    </message>
    <message>
        <source>balance</source>
        <translation>solde</translation>
    </message>
    <message>
        <source>balances</source>
        <translation>soldes</translation>
    </message>
    <message>
        <source>✔ Once imported, the book agrees with the file&apos;s own figures (%1).</source>
        <translation>✔ Une fois importé, le livre concorde avec les chiffres du fichier (%1).</translation>
    </message>
    <message>
        <source>⚠ Once imported, the book will differ from the file&apos;s own figures in %1 place(s) (%2 checked):</source>
        <translation>⚠ Une fois importé, le livre différera des chiffres du fichier en %1 point(s) (%2 vérifiés) :</translation>
    </message>
    <message>
        <source>Nothing can be imported: %1 problem. Fix the file or the mapping.</source>
        <translation>Rien ne peut être importé : %1 problème. Corrigez le fichier ou la correspondance.</translation>
    </message>
    <message>
        <source>Nothing can be imported: %1 problems. Fix the file or the mapping.</source>
        <translation>Rien ne peut être importé : %1 problèmes. Corrigez le fichier ou la correspondance.</translation>
    </message>
</context>
<context>
    <name>ClientsView</name>
    <message>
        <source>Portfolio</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Total value</source>
        <translation>Valeur totale</translation>
    </message>
    <message>
        <source>Top themes</source>
        <translation>Principaux thèmes</translation>
    </message>
    <message>
        <source>YTD (benchmark)</source>
        <translation>Depuis le 1er janvier (indice)</translation>
    </message>
    <message>
        <source>1 year (benchmark)</source>
        <translation>1 an (indice)</translation>
    </message>
    <message>
        <source>Best · worst theme (1 year)</source>
        <translation>Meilleur · pire thème (1 an)</translation>
    </message>
    <message>
        <source>Open client</source>
        <translation>Ouvrir le client</translation>
    </message>
    <message>
        <source>Export report (PDF)…</source>
        <translation>Exporter le rapport (PDF)…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>with</source>
        <translation>avec</translation>
    </message>
    <message>
        <source>its targets and rules</source>
        <translation>ses cibles et règles</translation>
    </message>
    <message>
        <source>Total value (live)</source>
        <translation>Valeur totale (en direct)</translation>
    </message>
    <message>
        <source>At live prices where a quote has arrived, else at the last close</source>
        <translation>Aux cours en direct là où un cours est arrivé, sinon au dernier cours de clôture</translation>
    </message>
    <message>
        <source>Total value (SIMULATED)</source>
        <translation>Valeur totale (SIMULÉ)</translation>
    </message>
    <message>
        <source>At SIMULATED prices: made up around the last closes for a demo, not quotes</source>
        <translation>Aux cours SIMULÉS : inventés autour des derniers cours de clôture pour une démo, pas des cotations</translation>
    </message>
    <message>
        <source>In brackets: its benchmark, %1</source>
        <translation>Entre parenthèses : son indice de référence, %1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <source>Export the report of %1 (PDF)…</source>
        <translation>Exporter le rapport de %1 (PDF)…</translation>
    </message>
    <message>
        <source>No client yet: add an account with a portfolio name (Book ▸ New Account)</source>
        <translation>Aucun client : ajoutez un compte avec un nom de portefeuille (Registre ▸ Nouveau compte)</translation>
    </message>
    <message>
        <source>Target or rule</source>
        <translation>Cible ou règle</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Fourchette</translation>
    </message>
    <message>
        <source>%1 of %2 targets and rules missed</source>
        <translation>Cibles et règles non tenues : %1 sur %2</translation>
    </message>
    <message>
        <source>No target range or rule is set.</source>
        <translation>Aucune fourchette cible ni règle n’est définie.</translation>
    </message>
    <message>
        <source>(rule)</source>
        <translation>(règle)</translation>
    </message>
    <message>
        <source>below by %1 · add %2</source>
        <translation>en dessous de %1 · ajouter %2</translation>
    </message>
    <message>
        <source>above by %1 · trim %2</source>
        <translation>au-dessus de %1 · alléger de %2</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>pts</source>
        <translation>pts</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>%1 of the client&apos;s weight sits differently from the model</source>
        <translation>%1 du poids du client est réparti autrement que le modèle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>within</source>
        <translation>dans la fourchette</translation>
    </message>
    <message>
        <source>Breached rules</source>
        <translation>Règles enfreintes</translation>
    </message>
    <message>
        <source>Overdue reviews</source>
        <translation>Revues en retard</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>Map the columns</source>
        <translation>Correspondance des colonnes</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cours</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Frais</translation>
    </message>
    <message>
        <source>Taxes</source>
        <translation>Taxes</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>FX rate</source>
        <translation>Taux de change</translation>
    </message>
    <message>
        <source>Split ratio</source>
        <translation>Ratio de division</translation>
    </message>
    <message>
        <source>ISIN</source>
        <translation>ISIN</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>point 1234.56</source>
        <translation>point 1234.56</translation>
    </message>
    <message>
        <source>comma 1234,56</source>
        <translation>virgule 1234,56</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>space</source>
        <translation>espace</translation>
    </message>
    <message>
        <source>no-break space</source>
        <translation>espace insécable</translation>
    </message>
    <message>
        <source>narrow no-break space</source>
        <translation>espace fine insécable</translation>
    </message>
    <message>
        <source>Decimal separator</source>
        <translation>Séparateur décimal</translation>
    </message>
    <message>
        <source>Thousands separator</source>
        <translation>Séparateur de milliers</translation>
    </message>
    <message>
        <source>Date format</source>
        <translation>Format de date</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>Dans le fichier</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>Signifie</translation>
    </message>
    <message>
        <source>Save this mapping…</source>
        <translation>Enregistrer cette correspondance…</translation>
    </message>
    <message>
        <source>Transaction types</source>
        <translation>Types d’opération</translation>
    </message>
    <message>
        <source>Reading every row for its transaction types…</source>
        <translation>Lecture de toutes les lignes pour leurs types d’opération…</translation>
    </message>
    <message>
        <source>As GigaTracker reads the first rows:</source>
        <translation>Les premières lignes telles que GigaTracker les lit :</translation>
    </message>
    <message>
        <source>— not in the file —</source>
        <translation>— absent du fichier —</translation>
    </message>
    <message>
        <source>— refuse the row —</source>
        <translation>— refuser la ligne —</translation>
    </message>
    <message>
        <source>the wizard&apos;s mapping</source>
        <translation>la correspondance de l’assistant</translation>
    </message>
    <message>
        <source>not mapped</source>
        <translation>sans correspondance</translation>
    </message>
    <message>
        <source>Save this mapping</source>
        <translation>Enregistrer cette correspondance</translation>
    </message>
    <message>
        <source>Mapping files (*.toml)</source>
        <translation>Fichiers de correspondance (*.toml)</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Total value</source>
        <translation>Valeur totale</translation>
    </message>
    <message>
        <source>Day change</source>
        <translation>Variation du jour</translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation>Plus-values latentes</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Liquidités</translation>
    </message>
    <message>
        <source>Top themes</source>
        <translation>Principaux thèmes</translation>
    </message>
    <message>
        <source>Breached rules</source>
        <translation>Règles enfreintes</translation>
    </message>
    <message>
        <source>Data health</source>
        <translation>Qualité des données</translation>
    </message>
    <message>
        <source>Next thesis reviews</source>
        <translation>Prochaines revues de thèse</translation>
    </message>
    <message>
        <source>Get started</source>
        <translation>Pour commencer</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>Nouveau compte…</translation>
    </message>
    <message>
        <source>Where transactions go: a broker or bank account, in a portfolio and a currency</source>
        <translation>Là où vont les opérations : un compte chez un courtier ou une banque, dans un portefeuille et une devise</translation>
    </message>
    <message>
        <source>Add a transaction…</source>
        <translation>Ajouter une opération…</translation>
    </message>
    <message>
        <source>A deposit, a buy, a dividend… entered by hand</source>
        <translation>Un dépôt, un achat, un dividende… saisis à la main</translation>
    </message>
    <message>
        <source>Import transactions…</source>
        <translation>Importer des opérations…</translation>
    </message>
    <message>
        <source>A broker&apos;s or another tracker&apos;s export (DEGIRO, IBKR, Ghostfolio…)</source>
        <translation>L’export d’un courtier ou d’une autre application (DEGIRO, IBKR, Ghostfolio…)</translation>
    </message>
    <message>
        <source>This book is empty. Every transaction belongs to an account: create one, then add its transactions or import a file.</source>
        <translation>Ce registre est vide. Chaque opération appartient à un compte : créez-en un, puis ajoutez ses opérations ou importez un fichier.</translation>
    </message>
    <message>
        <source>No transactions yet. Add them one by one, or import a broker&apos;s or another tracker&apos;s file.</source>
        <translation>Aucune opération pour l’instant. Ajoutez-les une à une, ou importez le fichier d’un courtier ou d’une autre application.</translation>
    </message>
    <message>
        <source>Value over time</source>
        <translation>Valeur dans le temps</translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation>Depuis le 1er janvier</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 an</translation>
    </message>
    <message>
        <source>3 years</source>
        <translation>3 ans</translation>
    </message>
    <message>
        <source>5 years</source>
        <translation>5 ans</translation>
    </message>
    <message>
        <source>Since the start</source>
        <translation>Depuis le début</translation>
    </message>
    <message>
        <source>No history yet.</source>
        <translation>Pas encore d&apos;historique.</translation>
    </message>
    <message>
        <source>No chart: %1</source>
        <translation>Pas de graphique : %1</translation>
    </message>
    <message>
        <source>TTWROR %1 · IRR %2</source>
        <translation>TTWROR %1 · TRI %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Invested capital</source>
        <translation>Capital investi</translation>
    </message>
    <message>
        <source> (live)</source>
        <translation> (en direct)</translation>
    </message>
    <message>
        <source>At live prices where a quote has arrived, else at the last close</source>
        <translation>Aux cours en direct là où un cours est arrivé, sinon au dernier cours de clôture</translation>
    </message>
    <message>
        <source> (SIMULATED)</source>
        <translation> (SIMULÉ)</translation>
    </message>
    <message>
        <source>At SIMULATED prices: made up around the last closes for a demo, not quotes</source>
        <translation>Aux cours SIMULÉS : inventés autour des derniers cours de clôture pour une démo, pas des cotations</translation>
    </message>
    <message>
        <source>%1 holdings and cash</source>
        <translation>%1 : titres et liquidités</translation>
    </message>
    <message>
        <source>All portfolios</source>
        <translation>Tous les portefeuilles</translation>
    </message>
    <message>
        <source>no previous close</source>
        <translation>pas de clôture précédente</translation>
    </message>
    <message>
        <source>on positions held</source>
        <translation>sur les positions détenues</translation>
    </message>
    <message>
        <source>%1 of the total</source>
        <translation>%1 du total</translation>
    </message>
    <message>
        <source>No themes assigned yet.</source>
        <translation>Aucun thème attribué pour le moment.</translation>
    </message>
    <message>
        <source>Funds looked through to their holdings.</source>
        <translation>Fonds analysés par transparence jusqu’à leurs lignes.</translation>
    </message>
    <message>
        <source>No rule breached.</source>
        <translation>Aucune règle enfreinte.</translation>
    </message>
    <message>
        <source>trim %1</source>
        <translation>alléger de %1</translation>
    </message>
    <message>
        <source>add %1</source>
        <translation>renforcer de %1</translation>
    </message>
    <message>
        <source>%1: now %2 · %3</source>
        <translation>%1 : actuellement %2 · %3</translation>
    </message>
    <message>
        <source>No security held yet: nothing to check.</source>
        <translation>Aucun titre détenu pour l’instant : rien à vérifier.</translation>
    </message>
    <message>
        <source>Checking prices…</source>
        <translation>Vérification des cours…</translation>
    </message>
    <message>
        <source>Stale prices (%1): %2</source>
        <translation>Cours périmés (%1) : %2</translation>
    </message>
    <message>
        <source>Prices are up to date.</source>
        <translation>Les cours sont à jour.</translation>
    </message>
    <message>
        <source>Without a theme: %1</source>
        <translation>Sans thème : %1</translation>
    </message>
    <message>
        <source>Every security has a theme.</source>
        <translation>Chaque titre a un thème.</translation>
    </message>
    <message>
        <source>Look-through coverage %1</source>
        <translation>Couverture par transparence %1</translation>
    </message>
    <message>
        <source>holdings as of %1</source>
        <translation>composition au %1</translation>
    </message>
    <message>
        <source>Not valued: %1</source>
        <translation>Non valorisé : %1</translation>
    </message>
    <message>
        <source>… and %1 more not valued (Holdings shows each)</source>
        <translation>… et %1 autres non valorisées (Positions les montre toutes)</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 et %2 autres</translation>
    </message>
    <message>
        <source>No review scheduled.</source>
        <translation>Aucune revue prévue.</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
</context>
<context>
    <name>Dimension</name>
    <message>
        <source>Sector</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industrie</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Asset class</source>
        <translation>Classe d’actifs</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
</context>
<context>
    <name>DonutChart</name>
    <message>
        <source>+%1 more</source>
        <translation>+%1 autres</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>&amp;Holdings…</source>
        <translation>&amp;Positions…</translation>
    </message>
    <message>
        <source>&amp;Transactions…</source>
        <translation>&amp;Opérations…</translation>
    </message>
    <message>
        <source>E&amp;xposure (the view shown)…</source>
        <translation>E&amp;xposition (la vue affichée)…</translation>
    </message>
    <message>
        <source>The whole &amp;book (JSON)…</source>
        <translation>Tout le &amp;registre (JSON)…</translation>
    </message>
    <message>
        <source>Theme &amp;pack…</source>
        <translation>&amp;Pack de thèmes…</translation>
    </message>
    <message>
        <source>Client &amp;Report (PDF)…</source>
        <translation>&amp;Rapport client (PDF)…</translation>
    </message>
    <message>
        <source>holdings</source>
        <translation>positions</translation>
    </message>
    <message>
        <source>transactions</source>
        <translation>opérations</translation>
    </message>
    <message>
        <source>exposure</source>
        <translation>exposition</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>Exporter %1</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Classeur Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exporté vers %1</translation>
    </message>
    <message>
        <source>Export the whole book</source>
        <translation>Exporter tout le registre</translation>
    </message>
    <message>
        <source>Book files (*.json)</source>
        <translation>Fichiers de registre (*.json)</translation>
    </message>
    <message>
        <source>Export theme pack</source>
        <translation>Exporter un pack de thèmes</translation>
    </message>
    <message>
        <source>Theme packs (*.json)</source>
        <translation>Packs de thèmes (*.json)</translation>
    </message>
    <message>
        <source>Reports for every portfolio</source>
        <translation>Rapports de tous les portefeuilles</translation>
    </message>
    <message>
        <source>Reports written to %1</source>
        <translation>Rapports écrits dans %1</translation>
    </message>
    <message>
        <source>Report for %1</source>
        <translation>Rapport pour %1</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Rapport écrit dans %1</translation>
    </message>
</context>
<context>
    <name>ExposureBars</name>
    <message>
        <source>Grey band: target range (a theme&apos;s target or a rule)</source>
        <translation>Bande grise : fourchette cible (la cible d’un thème ou une règle)</translation>
    </message>
    <message>
        <source>red outline and hatching: outside its range</source>
        <translation>contour et hachures rouges : hors de sa fourchette</translation>
    </message>
</context>
<context>
    <name>ExposureView</name>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Through</source>
        <translation>Via</translation>
    </message>
    <message>
        <source>Share of position</source>
        <translation>Part de la position</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Click a segment to see what makes it up.</source>
        <translation>Cliquez sur un segment pour voir ce qui le compose.</translation>
    </message>
    <message>
        <source>Contributors</source>
        <translation>Contributions</translation>
    </message>
    <message>
        <source>Cross-tab</source>
        <translation>Tableau croisé</translation>
    </message>
    <message>
        <source>HHI %1 · %2 effective bets</source>
        <translation>HHI %1 · %2 paris effectifs</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Non attribué</translation>
    </message>
    <message>
        <source>live</source>
        <translation>en direct</translation>
    </message>
    <message>
        <source>SIMULATED</source>
        <translation>SIMULÉ</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Liquidités</translation>
    </message>
    <message>
        <source>Look through funds</source>
        <translation>Transparence des fonds</translation>
    </message>
    <message>
        <source>look-through %1</source>
        <translation>transparence %1</translation>
    </message>
    <message>
        <source>holdings as of %1</source>
        <translation>composition au %1</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <source>%1: %2

The details are in the log file:
%3</source>
        <translation>%1 : %2

Les détails sont dans le journal :
%3</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <source>A broker&apos;s or another tracker&apos;s export, and the account it goes into.</source>
        <translation>L’export d’un courtier ou d’une autre application, et le compte qui le reçoit.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Into account</source>
        <translation>Dans le compte</translation>
    </message>
    <message>
        <source>Exports (*.csv *.txt *.json *.xml);;All files (*)</source>
        <translation>Exports (*.csv *.txt *.json *.xml);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>FilePlaces</name>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
</context>
<context>
    <name>FindSymbolsDialog</name>
    <message>
        <source>Find Yahoo symbols</source>
        <translation>Trouver les symboles Yahoo</translation>
    </message>
    <message>
        <source>Searching Yahoo for the securities your broker named by ISIN…</source>
        <translation>Recherche sur Yahoo des titres que votre courtier désigne par leur ISIN…</translation>
    </message>
    <message>
        <source>ISIN</source>
        <translation>ISIN</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Traded in</source>
        <translation>Négocié en</translation>
    </message>
    <message>
        <source>Yahoo symbol</source>
        <translation>Symbole Yahoo</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Keep the ISIN</source>
        <translation>Garder l’ISIN</translation>
    </message>
    <message>
        <source>%1 securities are named by ISIN; a Yahoo listing was chosen for %2 (the one in the currency you traded, on the home exchange). Check, change, then rename.</source>
        <translation>%1 titre(s) désigné(s) par ISIN ; une cotation Yahoo a été choisie pour %2 (celle dans la devise de vos opérations, sur la place d’origine). Vérifiez, modifiez, puis renommez.</translation>
    </message>
    <message>
        <source>No security is named by an ISIN: nothing to do.</source>
        <translation>Aucun titre n’est désigné par un ISIN : rien à faire.</translation>
    </message>
    <message>
        <source>the %1 listing on %2</source>
        <translation>la cotation en %1 à %2</translation>
    </message>
    <message>
        <source>no listing in %1: choose one</source>
        <translation>aucune cotation en %1 : choisissez-en une</translation>
    </message>
    <message>
        <source>Yahoo has no quoted listing for this ISIN</source>
        <translation>Yahoo n’a aucune cotation pour cet ISIN</translation>
    </message>
    <message>
        <source>Choose a Yahoo symbol for at least one security.</source>
        <translation>Choisissez un symbole Yahoo pour au moins un titre.</translation>
    </message>
</context>
<context>
    <name>HoldingsModel</name>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Average cost</source>
        <translation>PRU</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cours</translation>
    </message>
    <message>
        <source>Day change</source>
        <translation>Var. jour</translation>
    </message>
    <message>
        <source>Market value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Value (%1)</source>
        <translation>Valeur (%1)</translation>
    </message>
    <message>
        <source>P&amp;L (%1)</source>
        <translation>+/- latentes (%1)</translation>
    </message>
    <message>
        <source>Market value in %1, the book&apos;s base currency, at the latest FX close</source>
        <translation>Valeur de marché en %1, la devise de référence du registre, au dernier cours de change</translation>
    </message>
    <message>
        <source>Unrealized P&amp;L (market value less cost basis) in %1, the book&apos;s base currency, at the latest FX close</source>
        <translation>Plus ou moins-value latente (valeur de marché moins prix de revient) en %1, la devise de référence du registre, au dernier cours de change</translation>
    </message>
    <message>
        <source>no price yet</source>
        <translation>pas encore de cours</translation>
    </message>
    <message>
        <source>No price yet: refresh quotes (Quotes ▸ Refresh Quotes, Ctrl+R), or add one (right-click ▸ Add a price…). If none comes from Yahoo, give the security its Yahoo symbol (right-click ▸ Change symbol…, or Quotes ▸ Find Yahoo Symbols…).</source>
        <translation>Pas encore de cours : actualisez les cours (Cours ▸ Actualiser les cours, Ctrl+R), ou ajoutez-en un (clic droit ▸ Ajouter un cours…). Si Yahoo n’en donne pas, indiquez le symbole Yahoo du titre (clic droit ▸ Changer le symbole…, ou Cours ▸ Trouver les symboles Yahoo…).</translation>
    </message>
    <message>
        <source>SIMULATED price: made up around the last close for a demo, not a quote (Quotes menu: Simulated Prices)</source>
        <translation>Cours SIMULÉ : inventé autour du dernier cours de clôture pour une démo, pas une cotation (menu Cours : Cours simulés)</translation>
    </message>
    <message>
        <source>live price at %1 (%2 s ago)</source>
        <translation>cours en direct à %1 (il y a %2 s)</translation>
    </message>
    <message>
        <source>; stale: its market has traded since (Quotes ▸ Refresh Quotes)</source>
        <translation> ; périmé : son marché a coté depuis (Cours ▸ Actualiser les cours)</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation>Plus-value latente</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Thèmes</translation>
    </message>
    <message>
        <source>%1 price of %2</source>
        <translation>cours %1 du %2</translation>
    </message>
    <message>
        <source>; FX %1 %2 on %3</source>
        <translation> ; change %1 %2 au %3</translation>
    </message>
</context>
<context>
    <name>HoldingsView</name>
    <message>
        <source>Filter by symbol, name, account or theme</source>
        <translation>Filtrer par symbole, nom, compte ou thème</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>Sans regroupement</translation>
    </message>
    <message>
        <source>Group by portfolio</source>
        <translation>Par portefeuille</translation>
    </message>
    <message>
        <source>Group by account</source>
        <translation>Par compte</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filtre :</translation>
    </message>
    <message>
        <source>Assign themes to %1…</source>
        <translation>Attribuer des thèmes à %1…</translation>
    </message>
    <message>
        <source>Show transactions</source>
        <translation>Voir les opérations</translation>
    </message>
    <message>
        <source>Add a transaction…</source>
        <translation>Ajouter une opération…</translation>
    </message>
    <message>
        <source>Change symbol…</source>
        <translation>Changer le symbole…</translation>
    </message>
    <message>
        <source>Add a price…</source>
        <translation>Ajouter un cours…</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>line %1</source>
        <translation>ligne %1</translation>
    </message>
    <message>
        <source>Import transactions</source>
        <translation>Importer des opérations</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>Cannot open the book:</source>
        <translation>Impossible d’ouvrir le registre :</translation>
    </message>
    <message>
        <source>Opening %1 …</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <source>Wrong passphrase; try again.</source>
        <translation>Phrase secrète incorrecte ; réessayez.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>%1 is locked</source>
        <translation>%1 est verrouillé</translation>
    </message>
    <message>
        <source>Figures are hidden after a while without use. Type the book&apos;s passphrase to show them again.</source>
        <translation>Les chiffres sont masqués après un moment d’inactivité. Saisissez la phrase secrète du registre pour les afficher à nouveau.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Wrong passphrase.</source>
        <translation>Phrase secrète incorrecte.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Holdings</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>Opérations</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Thèmes</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Exposition</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>SIMULATED PRICES — every figure uses made-up prices around the last closes, not quotes. Quotes ▸ Simulated Prices turns them off.</source>
        <translation>COURS SIMULÉS — chaque chiffre utilise des cours inventés autour des derniers cours de clôture, pas des cotations. Cours ▸ Cours simulés les arrête.</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un registre &amp;récent</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <translation>&amp;Registre</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Re&amp;charger</translation>
    </message>
    <message>
        <source>&amp;Quotes</source>
        <translation>&amp;Cours</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;Welcome Page</source>
        <translation>Page d’&amp;accueil</translation>
    </message>
    <message>
        <source>&amp;About GigaTracker</source>
        <translation>&amp;À propos de GigaTracker</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>Portfolio:</source>
        <translation>Portefeuille :</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>The open book</source>
        <translation>Le registre ouvert</translation>
    </message>
    <message>
        <source>All portfolios</source>
        <translation>Tous les portefeuilles</translation>
    </message>
    <message>
        <source>Holdings %1 (simulated)</source>
        <translation>Positions %1 (simulé)</translation>
    </message>
    <message>
        <source>Holdings %1 (live)</source>
        <translation>Positions %1 (en direct)</translation>
    </message>
    <message>
        <source>Holdings %1</source>
        <translation>Positions %1</translation>
    </message>
    <message>
        <source>About GigaTracker</source>
        <translation>À propos de GigaTracker</translation>
    </message>
    <message>
        <source>GigaTracker %1

A local-first portfolio tracker for investing by thesis.</source>
        <translation>GigaTracker %1

Un suivi de portefeuille local pour investir par thèses.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>unknown account %1</source>
        <translation>compte inconnu %1</translation>
    </message>
    <message>
        <source>unknown currency %1</source>
        <translation>devise inconnue %1</translation>
    </message>
    <message>
        <source>a %1 needs a symbol and a quantity (securities) or an amount (cash)</source>
        <translation>%1 : il faut un symbole et une quantité (titres) ou un montant (espèces)</translation>
    </message>
    <message>
        <source>a %1 of cash has no price: its amount is what moves</source>
        <translation>%1 d’espèces : pas de cours, c’est son montant qui circule</translation>
    </message>
    <message>
        <source>a %1 needs a symbol</source>
        <translation>%1 : il faut un symbole</translation>
    </message>
    <message>
        <source>a SPLIT needs a ratio (new shares per old share)</source>
        <translation>une division d’actions demande un ratio (nouvelles actions par ancienne)</translation>
    </message>
    <message>
        <source>split ratio must be positive, got %1</source>
        <translation>le ratio de division doit être positif (reçu %1)</translation>
    </message>
    <message>
        <source>a %1 needs a quantity</source>
        <translation>%1 : il faut une quantité</translation>
    </message>
    <message>
        <source>quantity must be a finite number, got %1</source>
        <translation>la quantité doit être un nombre fini (reçu %1)</translation>
    </message>
    <message>
        <source>quantity must be positive, got %1</source>
        <translation>la quantité doit être positive (reçu %1)</translation>
    </message>
    <message>
        <source>quantity %1 has more than 8 decimals</source>
        <translation>la quantité %1 a plus de 8 décimales</translation>
    </message>
    <message>
        <source>a %1 needs a price or an amount</source>
        <translation>%1 : il faut un cours ou un montant</translation>
    </message>
    <message>
        <source>a %1 needs an amount</source>
        <translation>%1 : il faut un montant</translation>
    </message>
    <message>
        <source>%1 must not be negative (the type gives the direction), got %2</source>
        <translation>%1 ne doit pas être négatif (le type donne le sens), reçu %2</translation>
    </message>
    <message>
        <source>FX rate must be positive, got %1</source>
        <translation>le taux de change doit être positif (reçu %1)</translation>
    </message>
    <message>
        <source>must be positive, got %1</source>
        <translation>doit être positif (reçu %1)</translation>
    </message>
    <message>
        <source>a %1 has no quantity or price: give its amount</source>
        <translation>%1 : ni quantité ni cours, indiquez son montant</translation>
    </message>
    <message>
        <source>a %1 of 0 means nothing</source>
        <translation>%1 de 0 ne signifie rien</translation>
    </message>
    <message>
        <source>an INTEREST_CHARGE has no fees or taxes of its own: include them in its amount</source>
        <translation>des intérêts débiteurs n’ont pas de frais ni de taxes propres : incluez-les dans leur montant</translation>
    </message>
    <message>
        <source>%1 of %2 %3 on %4 in %5: none held (sell before buy?)</source>
        <translation>%1 de %2 %3 le %4 dans %5 : aucun titre détenu (vente avant achat ?)</translation>
    </message>
    <message>
        <source>%1 of %2 %3 on %4 in %5 exceeds the %6 held (oversell)</source>
        <translation>%1 de %2 %3 le %4 dans %5 : plus que les %6 détenus (survente)</translation>
    </message>
    <message>
        <source>the account does not allow short selling</source>
        <translation>le compte n’autorise pas la vente à découvert</translation>
    </message>
    <message>
        <source>%1 in %2 is held in %3, this %4 is in %5</source>
        <translation>%1 dans %2 est détenu en %3, cette opération (%4) est en %5</translation>
    </message>
    <message>
        <source>TRANSFER_IN of %1 %2: only %3 were transferred out before it</source>
        <translation>transfert entrant de %1 %2 : seuls %3 ont été transférés en sortie avant</translation>
    </message>
    <message>
        <source>TRANSFER_IN of %1 on %2: no TRANSFER_OUT before it, so a price (cost per unit) is needed</source>
        <translation>transfert entrant de %1 le %2 : aucun transfert sortant avant, il faut donc un cours (coût unitaire)</translation>
    </message>
    <message>
        <source>%1 is not a symbol (letters, digits, spaces and . - = ^ &amp; : / only)</source>
        <translation>%1 n’est pas un symbole (lettres, chiffres, espaces et . - = ^ &amp; : / seulement)</translation>
    </message>
    <message>
        <source>%1 is before %2</source>
        <translation>%1 est avant %2</translation>
    </message>
    <message>
        <source>%1 is in the future (today is %2)</source>
        <translation>%1 est dans le futur (nous sommes le %2)</translation>
    </message>
    <message>
        <source>holds the control or direction character %1 at position %2</source>
        <translation>contient le caractère de contrôle ou de direction %1 en position %2</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vide</translation>
    </message>
    <message>
        <source>unknown type %1 (map it in [types])</source>
        <translation>type inconnu %1 (associez-le dans [types])</translation>
    </message>
    <message>
        <source>%1 does not match the date format %2</source>
        <translation>%1 ne suit pas le format de date %2</translation>
    </message>
    <message>
        <source>no account (give --account or map an account column)</source>
        <translation>aucun compte (donnez --account ou associez une colonne de compte)</translation>
    </message>
    <message>
        <source>empty and no default currency</source>
        <translation>vide, et pas de devise par défaut</translation>
    </message>
    <message>
        <source>%1 fields, the header has %2</source>
        <translation>%1 champs, l’en-tête en a %2</translation>
    </message>
    <message>
        <source>no column %1 in the header</source>
        <translation>pas de colonne %1 dans l’en-tête</translation>
    </message>
    <message>
        <source>%1 is not a number</source>
        <translation>%1 n’est pas un nombre</translation>
    </message>
    <message>
        <source>cannot reach Yahoo (%1)</source>
        <translation>Yahoo injoignable (%1)</translation>
    </message>
    <message>
        <source>serving cached prices</source>
        <translation>cours en cache utilisés</translation>
    </message>
    <message>
        <source>Yahoo is rate limiting requests (HTTP 429)</source>
        <translation>Yahoo limite les requêtes (HTTP 429)</translation>
    </message>
    <message>
        <source>Yahoo rate limit: waiting until %1 UTC</source>
        <translation>limite de requêtes Yahoo : attente jusqu’à %1 UTC</translation>
    </message>
    <message>
        <source>no price for %1</source>
        <translation>aucun cours pour %1</translation>
    </message>
    <message>
        <source>no FX rate %1-&gt;%2</source>
        <translation>aucun taux de change %1-&gt;%2</translation>
    </message>
    <message>
        <source>%1: no price for %2</source>
        <translation>%1 : aucun cours pour %2</translation>
    </message>
    <message>
        <source>%1: no FX rate %2-&gt;%3</source>
        <translation>%1 : aucun taux de change %2-&gt;%3</translation>
    </message>
    <message>
        <source>%1 cash in %2: no FX rate %3-&gt;%4</source>
        <translation>%1, liquidités en %2 : aucun taux de change %3-&gt;%4</translation>
    </message>
    <message>
        <source>no keyring backend is available on this system</source>
        <translation>aucun trousseau de clés n’est disponible sur ce système</translation>
    </message>
    <message>
        <source>the null backend stores nothing</source>
        <translation>le trousseau « null » ne conserve rien</translation>
    </message>
    <message>
        <source>this backend keeps secrets in a plain or weakly protected file</source>
        <translation>ce trousseau garde les secrets dans un fichier en clair ou mal protégé</translation>
    </message>
    <message>
        <source>this backend is not usable here (priority %1)</source>
        <translation>ce trousseau n’est pas utilisable ici (priorité %1)</translation>
    </message>
    <message>
        <source>this backend does not work here</source>
        <translation>ce trousseau ne fonctionne pas ici</translation>
    </message>
</context>
<context>
    <name>NewBookDialog</name>
    <message>
        <source>New book</source>
        <translation>Nouveau registre</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Encrypt with a passphrase (for books holding clients&apos; data)</source>
        <translation>Chiffrer avec une phrase secrète (pour les registres contenant des données clients)</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Mémoriser sur cet ordinateur</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Indisponible : %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Base currency</source>
        <translation>Devise de référence</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
    <message>
        <source>GigaTracker books (*.gtbook)</source>
        <translation>Registres GigaTracker (*.gtbook)</translation>
    </message>
</context>
<context>
    <name>OpeningsPage</name>
    <message>
        <source>Held before the file&apos;s first row</source>
        <translation>Détenu avant la première ligne du fichier</translation>
    </message>
    <message>
        <source>The file sells these securities without having bought them: give the quantity held before its first row and what it cost in all, then check again.</source>
        <translation>Le fichier vend ces titres sans les avoir achetés : indiquez la quantité détenue avant sa première ligne et son coût total, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Quantity held</source>
        <translation>Quantité détenue</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Coût total</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Give each total cost, then check again.</source>
        <translation>Indiquez chaque coût total, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>quantité</translation>
    </message>
    <message>
        <source>total cost</source>
        <translation>coût total</translation>
    </message>
    <message>
        <source>%1: the %2 &apos;%3&apos; is not a usable number.</source>
        <translation>%1 : la valeur « %3 » (%2) n’est pas un nombre utilisable.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>New passphrase</source>
        <translation>Nouvelle phrase secrète</translation>
    </message>
    <message>
        <source>Encrypted book</source>
        <translation>Registre chiffré</translation>
    </message>
    <message>
        <source>Choose the passphrase of %1. Without it the book cannot be opened: keep it safe.</source>
        <translation>Choisissez la phrase secrète de %1. Sans elle, le registre ne peut pas être ouvert : conservez-la en lieu sûr.</translation>
    </message>
    <message>
        <source>%1 is encrypted. Its passphrase:</source>
        <translation>%1 est chiffré. Sa phrase secrète :</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Mémoriser sur cet ordinateur</translation>
    </message>
    <message>
        <source>Kept in the system keyring (%1)</source>
        <translation>Conservée dans le trousseau du système (%1)</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Indisponible : %1</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
</context>
<context>
    <name>PerformanceView</name>
    <message>
        <source>YTD</source>
        <translation>1er janv.</translation>
    </message>
    <message>
        <source>1Y</source>
        <translation>1 an</translation>
    </message>
    <message>
        <source>3Y</source>
        <translation>3 ans</translation>
    </message>
    <message>
        <source>5Y</source>
        <translation>5 ans</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Dates…</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Période :</translation>
    </message>
    <message>
        <source>Themes:</source>
        <translation>Thèmes :</translation>
    </message>
    <message>
        <source>Look through funds</source>
        <translation>Transparence des fonds</translation>
    </message>
    <message>
        <source>TTWROR</source>
        <translation>TTWROR</translation>
    </message>
    <message>
        <source>IRR</source>
        <translation>TRI</translation>
    </message>
    <message>
        <source>Max drawdown</source>
        <translation>Baisse maximale</translation>
    </message>
    <message>
        <source>Volatility</source>
        <translation>Volatilité</translation>
    </message>
    <message>
        <source>Against the benchmark</source>
        <translation>Face à l&apos;indice de référence</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Return vs benchmark</source>
        <translation>Rendement et indice</translation>
    </message>
    <message>
        <source>Drawdown</source>
        <translation>Baisse depuis le plus haut</translation>
    </message>
    <message>
        <source>Return and contribution by theme</source>
        <translation>Rendement et contribution par thème</translation>
    </message>
    <message>
        <source>Per security</source>
        <translation>Par titre</translation>
    </message>
    <message>
        <source>Per account</source>
        <translation>Par compte</translation>
    </message>
    <message>
        <source>Per portfolio</source>
        <translation>Par portefeuille</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <source>Nothing to measure yet: add transactions first.</source>
        <translation>Rien à mesurer pour l&apos;instant : ajoutez d&apos;abord des opérations.</translation>
    </message>
    <message>
        <source>Value, returns and drawdown are measured from the first transaction: add one, or import a broker&apos;s or another tracker&apos;s file.</source>
        <translation>La valeur, les rendements et le repli se mesurent à partir de la première opération : ajoutez-en une, ou importez le fichier d’un courtier ou d’une autre application.</translation>
    </message>
    <message>
        <source>%1 — %2 to %3</source>
        <translation>%1 — du %2 au %3</translation>
    </message>
    <message>
        <source>%1 a year</source>
        <translation>%1 par an</translation>
    </message>
    <message>
        <source>under a year: not annualized</source>
        <translation>moins d&apos;un an : non annualisé</translation>
    </message>
    <message>
        <source>money-weighted, a year</source>
        <translation>pondéré par les capitaux, par an</translation>
    </message>
    <message>
        <source>largest fall from a peak</source>
        <translation>plus forte baisse depuis un sommet</translation>
    </message>
    <message>
        <source>over the period</source>
        <translation>sur la période</translation>
    </message>
    <message>
        <source>Invested capital</source>
        <translation>Capital investi</translation>
    </message>
    <message>
        <source>Gains and values in %1; returns as Portfolio Performance computes them.</source>
        <translation>Gains et valeurs en %1 ; rendements calculés comme Portfolio Performance.</translation>
    </message>
    <message>
        <source>%1: %2 · beta %3</source>
        <translation>%1 : %2 · bêta %3</translation>
    </message>
    <message>
        <source>pts</source>
        <translation>pts</translation>
    </message>
    <message>
        <source>Tracking error %1 a year</source>
        <translation>Écart de suivi %1 par an</translation>
    </message>
    <message>
        <source>%1: no prices yet (Quotes → Refresh)</source>
        <translation>%1 : pas encore de cours (Cours → Actualiser)</translation>
    </message>
    <message>
        <source>none set (gigatracker benchmark set)</source>
        <translation>aucun (gigatracker benchmark set)</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Non attribué</translation>
    </message>
    <message>
        <source>Cash and other</source>
        <translation>Liquidités et divers</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Rendement</translation>
    </message>
    <message>
        <source>Contribution (pts)</source>
        <translation>Contribution (pts)</translation>
    </message>
    <message>
        <source>The contributions add up to the TTWROR (%1). Weights as they are today.</source>
        <translation>Les contributions s&apos;additionnent au TTWROR (%1). Pondérations actuelles.</translation>
    </message>
    <message>
        <source>No themes in this taxonomy yet.</source>
        <translation>Aucun thème dans cette taxonomie pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Funds looked through (holdings of their latest file).</source>
        <translation>Fonds vus en transparence (lignes de leur dernier fichier).</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>When a book opens</source>
        <translation>À l&apos;ouverture d&apos;un registre</translation>
    </message>
    <message>
        <source>When a book opens, then every hour</source>
        <translation>À l&apos;ouverture, puis toutes les heures</translation>
    </message>
    <message>
        <source>Only when I ask</source>
        <translation>Seulement à ma demande</translation>
    </message>
</context>
<context>
    <name>PriceDialog</name>
    <message>
        <source>Add a Price</source>
        <translation>Ajouter un cours</translation>
    </message>
    <message>
        <source>the closing price</source>
        <translation>le cours de clôture</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Clôture</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Give the security&apos;s symbol.</source>
        <translation>Indiquez le symbole du titre.</translation>
    </message>
    <message>
        <source>Give the close as a positive number.</source>
        <translation>Indiquez la clôture par un nombre positif.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Regarder dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
<context>
    <name>QuoteActions</name>
    <message>
        <source>&amp;Refresh Quotes</source>
        <translation>Actualiser les &amp;cours</translation>
    </message>
    <message>
        <source>&amp;Live Prices</source>
        <translation>Cours en &amp;direct</translation>
    </message>
    <message>
        <source>&amp;Simulated Prices (demo)</source>
        <translation>Cours &amp;simulés (démo)</translation>
    </message>
    <message>
        <source>&amp;Add a Price…</source>
        <translation>&amp;Ajouter un cours…</translation>
    </message>
    <message>
        <source>Price of %1 on %2: %3</source>
        <translation>Cours de %1 le %2 : %3</translation>
    </message>
    <message>
        <source>Refreshing quotes…</source>
        <translation>Actualisation des cours…</translation>
    </message>
    <message>
        <source>Quotes: %1 updated, %2 up to date, %3 failed</source>
        <translation>Cours : %1 mis à jour, %2 à jour, %3 en échec</translation>
    </message>
    <message>
        <source>Quotes not refreshed: %1</source>
        <translation>Cours non actualisés : %1</translation>
    </message>
    <message>
        <source>today (simulated)</source>
        <translation>aujourd&apos;hui (simulé)</translation>
    </message>
    <message>
        <source>today (live)</source>
        <translation>aujourd&apos;hui (en direct)</translation>
    </message>
    <message>
        <source>Live (%1, no price yet)</source>
        <translation>En direct (%1, aucun cours encore)</translation>
    </message>
    <message>
        <source>Live (%1, last price %2 s ago)</source>
        <translation>En direct (%1, dernier cours il y a %2 s)</translation>
    </message>
    <message>
        <source>Live (%1, last price at %2)</source>
        <translation>En direct (%1, dernier cours à %2)</translation>
    </message>
    <message>
        <source>1 symbol</source>
        <translation>1 valeur</translation>
    </message>
    <message>
        <source>%1 symbols</source>
        <translation>%1 valeurs</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s (attempt %2)</source>
        <translation>Reconnexion dans %1 s (tentative %2)</translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>Hors ligne depuis %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <source>restarting in %1 s</source>
        <translation>redémarrage dans %1 s</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>Reconnexion</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>Simulé</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Unassigned</source>
        <translation>Non attribué</translation>
    </message>
    <message>
        <source>Funds looked through to their holdings: %1 of fund value covered, holdings as of %2.</source>
        <translation>Fonds analysés par transparence : %1 de la valeur des fonds couverte, composition au %2.</translation>
    </message>
    <message>
        <source>trim %1</source>
        <translation>alléger de %1</translation>
    </message>
    <message>
        <source>add %1</source>
        <translation>renforcer de %1</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <source>Total value: %1</source>
        <translation>Valeur totale : %1</translation>
    </message>
    <message>
        <source>HHI %1 · %2 effective bets · largest: %3 (%4 of the securities held: cash left out)</source>
        <translation>HHI %1 · %2 paris effectifs · le plus gros : %3 (%4 des titres détenus, liquidités exclues)</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Invested capital</source>
        <translation>Capital investi</translation>
    </message>
    <message>
        <source>Portfolio report of %1</source>
        <translation>Rapport de portefeuille du %1</translation>
    </message>
    <message>
        <source>Prices: %1.</source>
        <translation>Cours : %1.</translation>
    </message>
    <message>
        <source>FX rates: %1.</source>
        <translation>Taux de change : %1.</translation>
    </message>
    <message>
        <source>none needed</source>
        <translation>aucun nécessaire</translation>
    </message>
    <message>
        <source>Thematic exposure</source>
        <translation>Exposition thématique</translation>
    </message>
    <message>
        <source>Geography</source>
        <translation>Géographie</translation>
    </message>
    <message>
        <source>Currencies</source>
        <translation>Devises</translation>
    </message>
    <message>
        <source>Concentration</source>
        <translation>Concentration</translation>
    </message>
    <message>
        <source>Breached rules</source>
        <translation>Règles enfreintes</translation>
    </message>
    <message>
        <source>Theses</source>
        <translation>Thèses</translation>
    </message>
    <message>
        <source>Data provenance</source>
        <translation>Provenance des données</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limite</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>À faire</translation>
    </message>
    <message>
        <source>No rule breached.</source>
        <translation>Aucune règle enfreinte.</translation>
    </message>
    <message>
        <source>Conviction</source>
        <translation>Conviction</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Énoncé</translation>
    </message>
    <message>
        <source>No thesis recorded.</source>
        <translation>Aucune thèse enregistrée.</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cours</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Not valued</source>
        <translation>Non valorisé</translation>
    </message>
    <message>
        <source>No transaction yet: nothing to measure.</source>
        <translation>Aucune opération : rien à mesurer.</translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation>Depuis le 1er janvier</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 an</translation>
    </message>
    <message>
        <source>3 years</source>
        <translation>3 ans</translation>
    </message>
    <message>
        <source>Since the start</source>
        <translation>Depuis le début</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Depuis le</translation>
    </message>
    <message>
        <source>TTWROR</source>
        <translation>TTWROR</translation>
    </message>
    <message>
        <source>IRR (a year)</source>
        <translation>TRI (par an)</translation>
    </message>
    <message>
        <source>Value and invested capital from %1 to %2:</source>
        <translation>Valeur et capital investi du %1 au %2 :</translation>
    </message>
    <message>
        <source>Against %1 over the same period: %2 (the portfolio %3, excess %4 points); beta %5, tracking error %6 a year.</source>
        <translation>Face à %1 sur la même période : %2 (le portefeuille %3, écart %4 points) ; bêta %5, écart de suivi %6 par an.</translation>
    </message>
    <message>
        <source>Benchmark %1 not measured: no prices for it yet.</source>
        <translation>Indice %1 non mesuré : pas encore de cours.</translation>
    </message>
    <message>
        <source>Cash and other</source>
        <translation>Liquidités et divers</translation>
    </message>
    <message>
        <source>Contribution by theme over the same period (points of the portfolio&apos;s TTWROR; they add up to it; weights as they are today):</source>
        <translation>Contribution par thème sur la même période (en points du TTWROR du portefeuille, dont elles font la somme ; pondérations actuelles) :</translation>
    </message>
    <message>
        <source>Contribution (points)</source>
        <translation>Contribution (points)</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>Gain</translation>
    </message>
</context>
<context>
    <name>ReturnsModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>TTWROR</source>
        <translation>TTWROR</translation>
    </message>
    <message>
        <source>IRR</source>
        <translation>TRI</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>Gain</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <source>pts</source>
        <translation>pts</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>{key} ({taxonomy})</source>
        <translation>{key} ({taxonomy})</translation>
    </message>
    <message>
        <source>{key} (one position)</source>
        <translation>{key} (une position)</translation>
    </message>
    <message>
        <source>Sector {key}</source>
        <translation>Secteur {key}</translation>
    </message>
    <message>
        <source>Industry {key}</source>
        <translation>Industrie {key}</translation>
    </message>
    <message>
        <source>Country {key}</source>
        <translation>Pays {key}</translation>
    </message>
    <message>
        <source>Currency {key}</source>
        <translation>Devise {key}</translation>
    </message>
    <message>
        <source>Asset class {key}</source>
        <translation>Classe d’actifs {key}</translation>
    </message>
    <message>
        <source>Account {key}</source>
        <translation>Compte {key}</translation>
    </message>
    <message>
        <source>Portfolio {key}</source>
        <translation>Portefeuille {key}</translation>
    </message>
    <message>
        <source>{what} at most {max} of the portfolio</source>
        <translation>{what} : au plus {max} du portefeuille</translation>
    </message>
    <message>
        <source>{what} at least {min} of the portfolio</source>
        <translation>{what} : au moins {min} du portefeuille</translation>
    </message>
    <message>
        <source>{what} between {min} and {max} of the portfolio</source>
        <translation>{what} : entre {min} et {max} du portefeuille</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Yahoo Finance (default)</source>
        <translation>Yahoo Finance (par défaut)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Encrypted books only: their figures are hidden until the passphrase is typed again.</source>
        <translation>Registres chiffrés uniquement : leurs chiffres sont masqués jusqu’à ce que la phrase secrète soit saisie à nouveau.</translation>
    </message>
    <message>
        <source>Base currency of this book</source>
        <translation>Devise de référence de ce registre</translation>
    </message>
    <message>
        <source>Live prices server</source>
        <translation>Serveur des cours en direct</translation>
    </message>
    <message>
        <source>Refresh quotes</source>
        <translation>Actualiser les cours</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Lock when idle for</source>
        <translation>Verrouiller après une inactivité de</translation>
    </message>
    <message>
        <source>Values are shown in the base currency, converted at the latest FX close.</source>
        <translation>Les valeurs sont affichées dans la devise de référence, converties au dernier cours de change.</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>How to read it</source>
        <translation>Comment le lire</translation>
    </message>
    <message>
        <source>Import with this format</source>
        <translation>Importer avec ce format</translation>
    </message>
    <message>
        <source>Map the columns myself</source>
        <translation>Définir moi-même les colonnes</translation>
    </message>
    <message>
        <source>comma ,</source>
        <translation>virgule ,</translation>
    </message>
    <message>
        <source>semicolon ;</source>
        <translation>point-virgule ;</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulation</translation>
    </message>
    <message>
        <source>bar |</source>
        <translation>barre |</translation>
    </message>
    <message>
        <source>Use a saved mapping…</source>
        <translation>Utiliser une correspondance enregistrée…</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>Séparateur</translation>
    </message>
    <message>
        <source>Lines before the header</source>
        <translation>Lignes avant l’en-tête</translation>
    </message>
    <message>
        <source>Recognised: %1.</source>
        <translation>Reconnu : %1.</translation>
    </message>
    <message>
        <source>No known format recognised: map its columns.</source>
        <translation>Aucun format connu reconnu : indiquez ses colonnes.</translation>
    </message>
    <message>
        <source>Use a saved mapping</source>
        <translation>Utiliser une correspondance enregistrée</translation>
    </message>
    <message>
        <source>Mapping files (*.toml)</source>
        <translation>Fichiers de correspondance (*.toml)</translation>
    </message>
</context>
<context>
    <name>SymbolActions</name>
    <message>
        <source>Find &amp;Yahoo Symbols for ISINs…</source>
        <translation>Trouver les symboles &amp;Yahoo des ISIN…</translation>
    </message>
    <message>
        <source>%1 renamed (%2 transactions)</source>
        <translation>%1 renommé(s) (%2 opérations)</translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <source>Target range: %1</source>
        <translation>Fourchette cible : %1</translation>
    </message>
    <message>
        <source>At least (%)</source>
        <translation>Au moins (%)</translation>
    </message>
    <message>
        <source>At most (%)</source>
        <translation>Au plus (%)</translation>
    </message>
    <message>
        <source>use at most 2 decimals</source>
        <translation>au plus 2 décimales</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>pas un nombre</translation>
    </message>
</context>
<context>
    <name>Taxonomy</name>
    <message>
        <source>Thesis</source>
        <translation>Thèse</translation>
    </message>
</context>
<context>
    <name>ThemeActions</name>
    <message>
        <source>Add theme</source>
        <translation>Ajouter un thème</translation>
    </message>
    <message>
        <source>Path (use / for sub-themes):</source>
        <translation>Chemin (utilisez / pour les sous-thèmes) :</translation>
    </message>
    <message>
        <source>Rename or move theme</source>
        <translation>Renommer ou déplacer le thème</translation>
    </message>
    <message>
        <source>New path (sub-themes, weights and theses follow):</source>
        <translation>Nouveau chemin (sous-thèmes, poids et thèses suivent) :</translation>
    </message>
    <message>
        <source>Colour of %1</source>
        <translation>Couleur de %1</translation>
    </message>
    <message>
        <source>Assign to %1</source>
        <translation>Attribuer à %1</translation>
    </message>
    <message>
        <source>Weight of this theme for each of the %1 selected securities (%):</source>
        <translation>Poids de ce thème pour chacun des %1 titres sélectionnés (%) :</translation>
    </message>
    <message>
        <source>Import theme pack</source>
        <translation>Importer un pack de thèmes</translation>
    </message>
    <message>
        <source>Theme packs (*.json)</source>
        <translation>Packs de thèmes (*.json)</translation>
    </message>
    <message>
        <source>%1: %2 themes created, %3 assignments</source>
        <translation>%1 : %2 thèmes créés, %3 attributions</translation>
    </message>
</context>
<context>
    <name>ThemesView</name>
    <message>
        <source>Add theme…</source>
        <translation>Ajouter un thème…</translation>
    </message>
    <message>
        <source>Rename or move…</source>
        <translation>Renommer ou déplacer…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Couleur…</translation>
    </message>
    <message>
        <source>Target range…</source>
        <translation>Fourchette cible…</translation>
    </message>
    <message>
        <source>Import pack…</source>
        <translation>Importer un pack…</translation>
    </message>
    <message>
        <source>Export pack…</source>
        <translation>Exporter un pack…</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Securities</source>
        <translation>Titres</translation>
    </message>
    <message>
        <source>Filter securities</source>
        <translation>Filtrer les titres</translation>
    </message>
    <message>
        <source>Assign selected to theme…</source>
        <translation>Attribuer la sélection au thème…</translation>
    </message>
    <message>
        <source>Save weights</source>
        <translation>Enregistrer les poids</translation>
    </message>
    <message>
        <source>Thesis</source>
        <translation>Thèse</translation>
    </message>
    <message>
        <source>Conviction</source>
        <translation>Conviction</translation>
    </message>
    <message>
        <source>Kill criteria</source>
        <translation>Critères d’invalidation</translation>
    </message>
    <message>
        <source>Catalysts</source>
        <translation>Catalyseurs</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>Edit thesis…</source>
        <translation>Modifier la thèse…</translation>
    </message>
    <message>
        <source>A new journal entry: what changed, what you decided</source>
        <translation>Nouvelle entrée du journal : ce qui a changé, ce que vous avez décidé</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>Ajouter l’entrée</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Thesis: %1</source>
        <translation>Thèse : %1</translation>
    </message>
    <message>
        <source>No thesis yet.</source>
        <translation>Pas encore de thèse.</translation>
    </message>
    <message>
        <source>Select a theme.</source>
        <translation>Choisissez un thème.</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>poids %1</translation>
    </message>
</context>
<context>
    <name>ThesisDialog</name>
    <message>
        <source>Thesis: %1</source>
        <translation>Thèse : %1</translation>
    </message>
    <message>
        <source>Review on</source>
        <translation>Revue le</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Énoncé</translation>
    </message>
    <message>
        <source>Conviction</source>
        <translation>Conviction</translation>
    </message>
    <message>
        <source>Kill criteria</source>
        <translation>Critères d’invalidation</translation>
    </message>
    <message>
        <source>Catalysts</source>
        <translation>Catalyseurs</translation>
    </message>
</context>
<context>
    <name>TransactionActions</name>
    <message>
        <source>&amp;Add Transaction…</source>
        <translation>A&amp;jouter une opération…</translation>
    </message>
    <message>
        <source>&amp;Import Transactions…</source>
        <translation>&amp;Importer des opérations…</translation>
    </message>
    <message>
        <source>Delete transaction</source>
        <translation>Supprimer l&apos;opération</translation>
    </message>
    <message>
        <source>Delete the %1 of %2 in %3? You can undo it.</source>
        <translation>Supprimer l’opération %1 du %2 sur %3 ? Vous pourrez l’annuler.</translation>
    </message>
    <message>
        <source>Importing %1 …</source>
        <translation>Import de %1…</translation>
    </message>
    <message>
        <source>%1 rows read: %2 added, %3 skipped as already imported.</source>
        <translation>%1 lignes lues : %2 ajoutées, %3 ignorées car déjà importées.</translation>
    </message>
    <message>
        <source>%1 lines not imported (listed in the check).</source>
        <translation>%1 lignes non importées (listées lors de la vérification).</translation>
    </message>
    <message>
        <source>The book agrees with the file&apos;s own figures.</source>
        <translation>Le livre concorde avec les chiffres du fichier.</translation>
    </message>
    <message>
        <source>%1 difference with the file&apos;s own figures (details below).</source>
        <translation>%1 écart avec les chiffres du fichier (détails ci-dessous).</translation>
    </message>
    <message>
        <source>%1 differences with the file&apos;s own figures (details below).</source>
        <translation>%1 écarts avec les chiffres du fichier (détails ci-dessous).</translation>
    </message>
    <message>
        <source>Nothing was imported. %1 problem:</source>
        <translation>Rien n’a été importé. %1 problème :</translation>
    </message>
    <message>
        <source>Nothing was imported. %1 problems:</source>
        <translation>Rien n’a été importé. %1 problèmes :</translation>
    </message>
    <message>
        <source>Import transactions</source>
        <translation>Importer des opérations</translation>
    </message>
    <message>
        <source>%1 securities are named by ISIN and get no quotes until they have their Yahoo symbol.</source>
        <translation>%1 titre(s) désigné(s) par ISIN : pas de cours tant qu’ils n’ont pas leur symbole Yahoo.</translation>
    </message>
    <message>
        <source>Find Yahoo Symbols…</source>
        <translation>Trouver les symboles Yahoo…</translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation>Import refusé</translation>
    </message>
</context>
<context>
    <name>TransactionDialog</name>
    <message>
        <source>Edit transaction</source>
        <translation>Modifier l&apos;opération</translation>
    </message>
    <message>
        <source>Add transaction</source>
        <translation>Ajouter une opération</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>e.g. NVDA, ASML.AS</source>
        <translation>ex. NVDA, ASML.AS</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cours</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Frais</translation>
    </message>
    <message>
        <source>Taxes</source>
        <translation>Taxes</translation>
    </message>
    <message>
        <source>FX rate</source>
        <translation>Taux de change</translation>
    </message>
    <message>
        <source>Split ratio</source>
        <translation>Ratio de division</translation>
    </message>
    <message>
        <source>new shares per old share (2 for a 2-for-1)</source>
        <translation>nouvelles actions par ancienne (2 pour une division par 2)</translation>
    </message>
    <message>
        <source>account currency per unit (optional)</source>
        <translation>devise du compte par unité (facultatif)</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>« %1 » n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>%1 is before %2</source>
        <translation>%1 est avant %2</translation>
    </message>
    <message>
        <source>%1 is in the future (today is %2)</source>
        <translation>%1 est dans le futur (nous sommes le %2)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>TransactionsModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cours</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Frais</translation>
    </message>
    <message>
        <source>Taxes</source>
        <translation>Taxes</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>TransactionsView</name>
    <message>
        <source>Filter by any field</source>
        <translation>Filtrer sur tous les champs</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filtre :</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Tous les comptes</translation>
    </message>
</context>
<context>
    <name>TxType</name>
    <message>
        <source>Buy</source>
        <translation>Achat</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Vente</translation>
    </message>
    <message>
        <source>Dividend</source>
        <translation>Dividende</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>Intérêts</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Frais</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Impôt</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Versement</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>Retrait</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Division</translation>
    </message>
    <message>
        <source>Transfer in</source>
        <translation>Transfert entrant</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>Transfert sortant</translation>
    </message>
    <message>
        <source>Tax refund</source>
        <translation>Remboursement d’impôt</translation>
    </message>
    <message>
        <source>Fee refund</source>
        <translation>Remboursement de frais</translation>
    </message>
    <message>
        <source>Delivery in</source>
        <translation>Livraison entrante</translation>
    </message>
    <message>
        <source>Delivery out</source>
        <translation>Livraison sortante</translation>
    </message>
    <message>
        <source>Interest charge</source>
        <translation>Intérêts débiteurs</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Add %1</source>
        <translation>Ajout %1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Modification %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Suppression %1</translation>
    </message>
    <message>
        <source>Themes of %1</source>
        <translation>Thèmes de %1</translation>
    </message>
    <message>
        <source>New account %1</source>
        <translation>Nouveau compte %1</translation>
    </message>
    <message>
        <source>Edit account %1</source>
        <translation>Modifier le compte %1</translation>
    </message>
    <message>
        <source>Delete account %1</source>
        <translation>Supprimer le compte %1</translation>
    </message>
    <message>
        <source>Base currency %1</source>
        <translation>Devise de référence %1</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>Renommer %1</translation>
    </message>
    <message>
        <source>Add theme %1</source>
        <translation>Ajouter le thème %1</translation>
    </message>
    <message>
        <source>Edit theme %1</source>
        <translation>Modifier le thème %1</translation>
    </message>
    <message>
        <source>Move theme %1</source>
        <translation>Déplacer le thème %1</translation>
    </message>
    <message>
        <source>Add rule %1</source>
        <translation>Ajouter la règle %1</translation>
    </message>
    <message>
        <source>Delete rule %1</source>
        <translation>Supprimer la règle %1</translation>
    </message>
</context>
<context>
    <name>WeightsEditor</name>
    <message>
        <source>Theme (%1)</source>
        <translation>Thème (%1)</translation>
    </message>
    <message>
        <source>Weight %</source>
        <translation>Poids %</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Select a security to edit its weights.</source>
        <translation>Choisissez un titre pour modifier ses poids.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>« %1 » n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>%1: use a positive percentage with at most 2 decimals</source>
        <translation>%1 : saisissez un pourcentage positif avec au plus 2 décimales</translation>
    </message>
    <message>
        <source>The weights add up to more than 100 %.</source>
        <translation>La somme des poids dépasse 100 %.</translation>
    </message>
    <message>
        <source>Assigned %1 % · Unassigned %2 %</source>
        <translation>Attribué %1 % · Non attribué %2 %</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <source>Welcome to GigaTracker</source>
        <translation>Bienvenue dans GigaTracker</translation>
    </message>
    <message>
        <source>See how much of your money rides on your investment theses: themes, look-through of funds, live prices, rules.</source>
        <translation>Voyez quelle part de votre argent repose sur vos thèses d&apos;investissement : thèmes, transparence des fonds, cours en direct, règles.</translation>
    </message>
    <message>
        <source>Explore the demo book</source>
        <translation>Explorer le registre de démonstration</translation>
    </message>
    <message>
        <source>The AI inference thesis: chips, gigafactories, AI PCs, two clients</source>
        <translation>La thèse de l&apos;inférence IA : puces, gigafactories, PC IA, deux clients</translation>
    </message>
    <message>
        <source>New book…</source>
        <translation>Nouveau registre…</translation>
    </message>
    <message>
        <source>An empty book in your base currency</source>
        <translation>Un registre vide dans votre devise de référence</translation>
    </message>
    <message>
        <source>Open a book…</source>
        <translation>Ouvrir un registre…</translation>
    </message>
    <message>
        <source>A .gtbook file on this computer</source>
        <translation>Un fichier .gtbook sur cet ordinateur</translation>
    </message>
    <message>
        <source>Import transactions…</source>
        <translation>Importer des opérations…</translation>
    </message>
    <message>
        <source>A broker&apos;s or another tracker&apos;s export (DEGIRO, IBKR, Ghostfolio…)</source>
        <translation>L’export d’un courtier ou d’une autre application (DEGIRO, IBKR, Ghostfolio…)</translation>
    </message>
</context>
<context>
    <name>WindowRefresh</name>
    <message>
        <source>Loading %1 …</source>
        <translation>Chargement de %1…</translation>
    </message>
    <message>
        <source>%1 position</source>
        <translation>%1 position</translation>
    </message>
    <message>
        <source>%1 positions</source>
        <translation>%1 positions</translation>
    </message>
    <message>
        <source>%1 transaction</source>
        <translation>%1 opération</translation>
    </message>
    <message>
        <source>%1 transactions</source>
        <translation>%1 opérations</translation>
    </message>
    <message>
        <source>base %1</source>
        <translation>devise de référence %1</translation>
    </message>
    <message>
        <source>Could not load the book</source>
        <translation>Impossible de charger le registre</translation>
    </message>
    <message>
        <source>All portfolios</source>
        <translation>Tous les portefeuilles</translation>
    </message>
</context>
<context>
    <name>Writes</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>%1 undoes typing in the field</source>
        <translation>%1 annule la saisie dans le champ</translation>
    </message>
    <message>
        <source>%1 redoes typing in the field</source>
        <translation>%1 rétablit la saisie dans le champ</translation>
    </message>
    <message>
        <source>Could not undo or redo: %1
The undo history was cleared.</source>
        <translation>Impossible d&apos;annuler ou de rétablir : %1
L&apos;historique d&apos;annulation a été vidé.</translation>
    </message>
</context>
</TS>
